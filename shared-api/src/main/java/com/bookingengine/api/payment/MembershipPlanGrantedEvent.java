package com.bookingengine.api.payment;

import org.axonframework.serialization.Revision;

import java.util.Set;

/** An owner gave contact {@code contactId} a plan of {@code credits} credits for {@code serviceIds}. */
@Revision("1")
public record MembershipPlanGrantedEvent(String planId, String contactId, String name, int credits,
                                         Set<String> serviceIds) {
}
