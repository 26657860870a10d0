package com.bookingengine.command.payment;

import com.bookingengine.api.common.Money;
import com.bookingengine.platform.validation.InCalendarRange;
import com.bookingengine.platform.validation.PlainTextField;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

import static com.bookingengine.api.common.InputLimits.ID;
import static com.bookingengine.api.common.InputLimits.PLAN_NAME;
import static com.bookingengine.api.common.InputLimits.PLAN_SERVICES;

/** The JSON bodies of the coupon and membership endpoints (SPEC §4); text limits are {@code InputLimits}'. */
final class PaymentRequests {

    /** Codes and plan ids go into aggregate ids and URLs: letters, digits, '.', '_' and '-'. */
    static final String CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,49}";
    static final String CODE_MESSAGE = "must be 1-50 letters, digits, '.', '_' or '-'";

    private PaymentRequests() {
    }

    /** {@code percentOff} or {@code amountOff}, exactly one; the rest optional. */
    record Coupon(@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                  @Min(1) @Max(100) Integer percentOff,
                  Money amountOff,
                  @InCalendarRange Instant validUntil,
                  @Min(1) Integer maxUses) {
    }

    record Plan(@Pattern(regexp = CODE, message = CODE_MESSAGE) String planId,
                @NotBlank @PlainTextField(max = PLAN_NAME) String name,
                @NotNull @Min(1) @Max(100_000) Integer credits,
                @NotEmpty @Size(max = PLAN_SERVICES) List<@NotBlank @PlainTextField(max = ID) String> serviceIds) {
    }
}
