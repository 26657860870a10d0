package com.bookingengine.api.catalogue;

public enum ServiceType {
    /** One provider, slots computed from weekly working hours. */
    APPOINTMENT,
    /** Sessions with their own capacity, booked one at a time. */
    CLASS,
    /** A fixed set of sessions booked as one bundle. */
    COURSE
}
