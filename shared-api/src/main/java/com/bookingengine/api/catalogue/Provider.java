package com.bookingengine.api.catalogue;

import java.util.List;

/**
 * One member of staff or one resource of an appointment service: it serves one booking at a time, in its own weekly
 * {@code workingHours} or, when it has none, the service's. A {@code retired} provider keeps the bookings it has and
 * takes no new ones; it stays listed so those bookings can still be found, moved away and canceled.
 * <p>
 * A service created without providers has one implicit provider: {@link #IMPLICIT}, whose {@code providerId} is null
 * (bookings of it, and events written before providers existed, record none).
 */
public record Provider(String providerId, String name, List<WorkingHours> workingHours, boolean retired) {

    /** The one provider of a service that lists none: the service itself, working the service's hours. */
    public static final Provider IMPLICIT = new Provider(null, null, null, false);

    public Provider {
        workingHours = workingHours == null || workingHours.isEmpty() ? null : List.copyOf(workingHours);
    }

    /** This provider, retired (or back at work). */
    public Provider retired(boolean retired) {
        return new Provider(providerId, name, workingHours, retired);
    }
}
