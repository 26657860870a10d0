package com.bookingengine.api.booking;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.common.Money;

/**
 * The service's rules and price as they stood when the booking was made. Later catalogue changes
 * never alter an existing booking's terms.
 */
public record BookingTerms(String timeZone, Money pricePerParticipant, boolean requiresApproval,
                           BookingPolicy policy) {
}
