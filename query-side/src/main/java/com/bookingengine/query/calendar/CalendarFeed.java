package com.bookingengine.query.calendar;

import com.bookingengine.api.booking.BookingStatus;
import com.bookingengine.api.booking.BookingView;
import com.bookingengine.api.catalogue.ServiceView;
import com.bookingengine.api.common.ContactDetails;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Created;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A service's bookings as an RFC 5545 calendar: one VEVENT per booking holding its place, in the service's time
 * zone (its VTIMEZONE, and DTSTART/DTEND with TZID). The UID is the booking id, so a calendar client updates the
 * same event on every fetch; SEQUENCE is the booking's revision and DTSTAMP its last change, so the feed of
 * unchanged bookings is the same text every time.
 */
final class CalendarFeed {

    static final String UID_DOMAIN = "@booking-engine";
    static final String PRODUCT = "-//Booking engine//Calendar feed 1.0//EN";

    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private CalendarFeed() {
    }

    /** The feed's text (CRLF lines, folded at 75 octets, as RFC 5545 wants). */
    static String of(ServiceView service, List<BookingView> bookings) {
        // ical4j names some zones by their canonical id (UTC as Etc/UTC): events use the VTIMEZONE's own TZID,
        // so every TZID in the feed has its VTIMEZONE (RFC 5545 3.2.19).
        VTimeZone definition = ZONES.getTimeZone(ZoneId.of(service.timeZone()).getId()).getVTimeZone();
        ZoneId zone = ZoneId.of(definition.getTimeZoneId().getValue());
        Calendar calendar = new Calendar()
                .add(new ProdId(PRODUCT))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN)
                .add(new XProperty("X-WR-CALNAME", service.name()))
                .add(new XProperty("X-WR-TIMEZONE", zone.getId()));
        calendar.add(definition);
        bookings.forEach(booking -> calendar.add(event(service, zone, booking)));
        StringWriter text = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static VEvent event(ServiceView service, ZoneId zone, BookingView booking) {
        VEvent event = new VEvent(booking.start().atZone(zone), booking.end().atZone(zone), summary(service, booking))
                .add(new Uid(booking.bookingId() + UID_DOMAIN))
                .replace(new DtStamp(utc(booking.updatedAt())))
                .add(new Created(utc(booking.createdAt())))
                .add(new LastModified(utc(booking.updatedAt())))
                .add(new Sequence((int) Math.min(Integer.MAX_VALUE, booking.revision())))
                .add(new Status(booking.status() == BookingStatus.CONFIRMED
                        ? Status.VALUE_CONFIRMED : Status.VALUE_TENTATIVE))
                .add(new Description(description(booking)));
        if (service.location() != null && !service.location().isBlank()) {
            event.add(new Location(service.location()));
        }
        return event;
    }

    /** "Evening yoga – Ada Lovelace" (the service alone when the booking names nobody). */
    static String summary(ServiceView service, BookingView booking) {
        String name = contactName(booking.contact());
        return name.isEmpty() ? service.name() : service.name() + " – " + name;
    }

    private static String contactName(ContactDetails contact) {
        if (contact == null) {
            return "";
        }
        return Stream.of(contact.firstName(), contact.lastName()).filter(Objects::nonNull).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
    }

    private static String description(BookingView booking) {
        StringBuilder text = new StringBuilder()
                .append("Booking ").append(booking.bookingId())
                .append("\nStatus: ").append(booking.status())
                .append("\nPayment: ").append(booking.paymentStatus())
                .append("\nParticipants: ").append(booking.participants());
        ContactDetails contact = booking.contact();
        if (contact != null && contact.email() != null) {
            text.append("\nEmail: ").append(contact.email());
        }
        if (contact != null && contact.phone() != null) {
            text.append("\nPhone: ").append(contact.phone());
        }
        return text.toString();
    }

    /** DTSTAMP, CREATED and LAST-MODIFIED are UTC date-times (RFC 5545 3.8.7). */
    private static Instant utc(Instant at) {
        return at == null ? Instant.EPOCH : at;
    }
}
