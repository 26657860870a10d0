package com.bookingengine.command.booking;

import com.bookingengine.api.booking.BookingTerms;
import com.bookingengine.command.catalogue.ServiceSnapshot;

import java.util.List;

/**
 * What holds a booking's room, behind one face for every kind of service: the seats of a class session
 * ({@link SessionSeats}), the one seat pool of a course ({@link CourseSeats}), or an appointment provider's time in
 * its provider days ({@link ProviderTime}). The command handler takes, moves, resizes and gives back room through it
 * and reads the same for every type; each implementation locks and changes only the aggregates that own its room,
 * in the handler's unit of work, so a booking and its room change together or not at all.
 * <p>
 * Seats freed here may promote waitlisted bookings: their ids are handed back for the handler to move on.
 */
interface Holding {

    /**
     * What a booking asks for: {@code place} on {@code service} (its current catalogue entry) under {@code terms}
     * (the booking's own snapshot: its buffer and time zone), for {@code participants}; the waitlist may take it when
     * {@code waitlistCapacity} allows and the place is full.
     */
    record Wanted(ServiceSnapshot service, BookingTerms terms, Place place, int participants, int waitlistCapacity) {
    }

    /** Where the booking now sits (an appointment: with the provider it got), whether it only waits, and promotions. */
    record Held(Place place, boolean waitlisted, List<String> promoted) {
    }

    /** Room for a new booking, or refuses ({@code capacity}) when there is none. */
    Held take(String bookingId, Wanted wanted);

    /** Moves a booking holding room to {@code wanted} in one step: the new room is taken, the old given back. */
    Held move(Booking booking, Wanted wanted);

    /** The booking now brings {@code participants}: more take more room when it fits, fewer give some back. */
    List<String> resize(Booking booking, int participants);

    /** Gives back all the room the booking holds. */
    List<String> release(Booking booking);

    /** The booking, which held no room, leaves the waitlist. */
    void leaveWaitlist(Booking booking);
}
