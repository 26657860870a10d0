package com.bookingengine.api.catalogue;

import java.time.Duration;
import java.time.Instant;

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

    /**
     * Too late to book something starting at {@code start}: fewer than {@code minNoticeMinutes} remain. The command
     * side refuses such a booking and availability flags its slot with this one rule, so they cannot disagree.
     */
    public boolean tooLateToBook(Instant start, Instant now) {
        return !now.isBefore(start.minus(Duration.ofMinutes(minNoticeMinutes)));
    }

    /** Too early to book something starting at {@code start}: it is more than {@code maxAdvanceDays} away. */
    public boolean tooEarlyToBook(Instant start, Instant now) {
        return start.isAfter(now.plus(Duration.ofDays(maxAdvanceDays)));
    }

    /** Until when an appointment ending at {@code end} holds the provider's time: its end plus the buffer. */
    public Instant heldUntil(Instant end) {
        return end.plus(Duration.ofMinutes(bufferMinutes));
    }

    public static BookingPolicy defaults() {
        return new BookingPolicy(0, DEFAULT_MAX_ADVANCE_DAYS, 0, DEFAULT_MAX_PARTICIPANTS, 0, 0,
                DEFAULT_CHECKOUT_TIMEOUT_MINUTES);
    }
}
