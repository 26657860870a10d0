package com.bookingengine.command.booking;

import com.bookingengine.command.capacity.ClassSession;

import java.util.List;

/**
 * The one seat pool of a course (a {@link ClassSession} spanning its sessions): taken, resized and given back as a
 * session's seats are, but never moved, since a course booking is the whole course (the booking refuses first).
 */
record CourseSeats(SessionSeats pool) implements Holding {

    @Override
    public Held take(String bookingId, Wanted wanted) {
        return pool.take(bookingId, wanted);
    }

    @Override
    public Held move(Booking booking, Wanted wanted) {
        throw new IllegalStateException("Course booking " + booking.bookingId() + " cannot move");
    }

    @Override
    public List<String> resize(Booking booking, int participants) {
        return pool.resize(booking, participants);
    }

    @Override
    public List<String> release(Booking booking) {
        return pool.release(booking);
    }

    @Override
    public void leaveWaitlist(Booking booking) {
        pool.leaveWaitlist(booking);
    }
}
