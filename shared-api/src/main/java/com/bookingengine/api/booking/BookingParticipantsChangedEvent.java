package com.bookingengine.api.booking;

import com.bookingengine.api.common.Money;
import org.axonframework.serialization.Revision;

/**
 * A seat-holding booking now brings {@code participants} instead of {@code previousParticipants}; its price
 * follows (price per participant of its terms × participants).
 */
@Revision("1")
public record BookingParticipantsChangedEvent(String bookingId, int previousParticipants, int participants,
                                              Money price, Money finalPrice, BookingStatus status,
                                              PaymentStatus paymentStatus) implements BookingStateChange {
}
