package com.bookingengine.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Gives a contact a plan of {@code credits} credits for the given services (one credit per participant). */
public record GrantMembershipPlanCommand(@TargetAggregateIdentifier String planId, String contactId, String name,
                                         int credits, List<String> serviceIds) {
}
