package com.bookingengine.command.caching;

/** The bean names of the aggregate caches, one per aggregate type, as each {@code @Aggregate(cache = ...)} names it. */
public final class CacheNames {

    public static final String BOOKINGS = "bookingCache";
    public static final String SESSIONS = "classSessionCache";
    public static final String PROVIDER_DAYS = "providerDayCache";
    public static final String SERVICES = "bookableServiceCache";
    public static final String COUPONS = "couponCache";
    public static final String PLANS = "membershipPlanCache";

    private CacheNames() {
    }
}
