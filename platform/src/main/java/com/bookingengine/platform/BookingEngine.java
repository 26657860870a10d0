package com.bookingengine.platform;

/** Start-up rules every {@code main} of the engine follows. */
public final class BookingEngine {

    private BookingEngine() {
    }

    /**
     * Axon's update checker phones home and writes {@code ~/.axoniq/} unless this system property is set before
     * Axon starts. The engine makes no outbound call.
     */
    public static void disableUpdateChecker() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        // Nor does it advertise: Axon's console banner is noise in an operator's log.
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
