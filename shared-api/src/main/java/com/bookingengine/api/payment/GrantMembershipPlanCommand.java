package com.bookingengine.api.payment;

import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.common.PlainText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Gives a contact a plan of {@code credits} credits for the given services (one credit per participant). */
public record GrantMembershipPlanCommand(@TargetAggregateIdentifier String planId, String contactId, String name,
                                         int credits, List<String> serviceIds) {

    public GrantMembershipPlanCommand {
        PlainText.check("planId", planId, InputLimits.ID);
        PlainText.check("contactId", contactId, InputLimits.ID);
        PlainText.check("name", name, InputLimits.PLAN_NAME);
        if (serviceIds != null) {
            if (serviceIds.size() > InputLimits.PLAN_SERVICES) {
                throw new IllegalArgumentException("serviceIds holds at most " + InputLimits.PLAN_SERVICES + " ids");
            }
            serviceIds.forEach(id -> PlainText.check("serviceIds", id, InputLimits.ID));
        }
    }
}
