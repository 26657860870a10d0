package com.bookingengine.api.catalogue;

/**
 * The rules a booking of a service is held to. Each booking keeps the policy it was made under.
 *
 * @param minNoticeMinutes          later than this before the start is too late to book
 * @param maxAdvanceDays            earlier than this before the start is too early to book
 * @param cancellationWindowMinutes a customer cannot cancel closer than this to the start
 * @param maxParticipantsPerBooking most participants one booking may bring
 * @param waitlistCapacity          bookings the waitlist may hold (0 = no waitlist)
 * @param bufferMinutes             appointments: time kept free after each booking
 * @param checkoutTimeoutMinutes    how long a seat waits for online payment
 */
public record BookingPolicy(int minNoticeMinutes, int maxAdvanceDays, int cancellationWindowMinutes,
                            int maxParticipantsPerBooking, int waitlistCapacity, int bufferMinutes,
                            int checkoutTimeoutMinutes) {

    public static final int DEFAULT_MAX_ADVANCE_DAYS = 365;
    public static final int DEFAULT_MAX_PARTICIPANTS = 10;
    public static final int DEFAULT_CHECKOUT_TIMEOUT_MINUTES = 15;

    public static BookingPolicy defaults() {
        return new BookingPolicy(0, DEFAULT_MAX_ADVANCE_DAYS, 0, DEFAULT_MAX_PARTICIPANTS, 0, 0,
                DEFAULT_CHECKOUT_TIMEOUT_MINUTES);
    }
}
