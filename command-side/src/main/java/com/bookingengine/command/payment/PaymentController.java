package com.bookingengine.command.payment;

import com.bookingengine.api.payment.CreateCouponCommand;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.api.payment.GrantMembershipPlanCommand;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.security.Caller;
import com.bookingengine.platform.validation.PathParameters;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Coupons and membership plans over HTTP (owner only): translates requests to commands, nothing more. */
@RestController
@RequestMapping("/api/v1")
class PaymentController {

    private final CommandGateway commands;

    PaymentController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/coupons")
    ResponseEntity<Map<String, String>> createCoupon(@Valid @RequestBody PaymentRequests.Coupon body) {
        String code = commands.sendAndWait(Caller.command(new CreateCouponCommand(body.code(), body.percentOff(),
                body.amountOff(), body.validUntil(), body.maxUses())));
        return ResponseEntity.created(URI.create("/api/v1/coupons/" + code)).body(Map.of("code", code));
    }

    @PostMapping("/members/{contactId}/plans")
    ResponseEntity<Map<String, String>> grantPlan(@PathVariable String contactId,
                                                  @Valid @RequestBody PaymentRequests.Plan body) {
        if (contactId.isBlank()) {
            throw new InvalidInputException("contactId", "contactId must not be blank");
        }
        PathParameters.plainText("contactId", contactId, InputLimits.ID);
        String planId = body.planId() == null ? UUID.randomUUID().toString() : body.planId();
        String granted = commands.sendAndWait(Caller.command(new GrantMembershipPlanCommand(planId, contactId,
                body.name(), body.credits(), body.serviceIds())));
        return ResponseEntity.created(URI.create("/api/v1/members/" + contactId + "/plans/" + granted))
                .body(Map.of("planId", granted));
    }
}
