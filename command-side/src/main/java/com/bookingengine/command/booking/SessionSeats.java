package com.bookingengine.command.booking;

import com.bookingengine.command.capacity.ClassSession;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.List;
import java.util.stream.Stream;

/** The seats of a class session: a booking takes, moves between and gives back seats of {@link ClassSession}s. */
record SessionSeats(Repository<ClassSession> sessions) implements Holding {

    @Override
    public Held take(String bookingId, Wanted wanted) {
        boolean waitlisted = sessions.load(wanted.place().sessionId()).invoke(
                s -> s.reserveOrWaitlist(bookingId, wanted.participants(), wanted.waitlistCapacity()));
        return new Held(wanted.place(), waitlisted, List.of());
    }

    /** Both sessions are locked in id order; the new seats are taken before the old are freed (and promoted). */
    @Override
    public Held move(Booking booking, Wanted wanted) {
        String from = booking.sessionId();
        String to = wanted.place().sessionId();
        Stream.of(from, to).sorted().forEach(sessions::load);
        sessions.load(to).execute(s -> s.reserve(booking.bookingId(), booking.participants()));
        return new Held(wanted.place(), false, release(booking));
    }

    @Override
    public List<String> resize(Booking booking, int participants) {
        Aggregate<ClassSession> session = sessions.load(booking.sessionId());
        session.execute(s -> s.changeSeats(booking.bookingId(), participants));
        return promote(session);
    }

    @Override
    public List<String> release(Booking booking) {
        Aggregate<ClassSession> session = sessions.load(booking.sessionId());
        session.execute(s -> s.release(booking.bookingId()));
        return promote(session);
    }

    @Override
    public void leaveWaitlist(Booking booking) {
        sessions.load(booking.sessionId()).execute(s -> s.leaveWaitlist(booking.bookingId()));
    }

    /** Free seats go to the session's waitlist, oldest that fits first. */
    private static List<String> promote(Aggregate<ClassSession> session) {
        return session.invoke(ClassSession::promoteWaitlisted).stream().map(ClassSession.Promotion::bookingId).toList();
    }
}
