package com.bookingengine.command.booking;

import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.common.PlainText;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.validation.InCalendarRange;
import com.bookingengine.platform.validation.PlainTextField;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

import static com.bookingengine.api.common.InputLimits.ADDRESS;
import static com.bookingengine.api.common.InputLimits.COUPON_CODE;
import static com.bookingengine.api.common.InputLimits.EMAIL;
import static com.bookingengine.api.common.InputLimits.FORM_FIELDS;
import static com.bookingengine.api.common.InputLimits.FORM_FIELD_NAME;
import static com.bookingengine.api.common.InputLimits.FORM_VALUE;
import static com.bookingengine.api.common.InputLimits.ID;
import static com.bookingengine.api.common.InputLimits.PAYMENT_METHOD;
import static com.bookingengine.api.common.InputLimits.PERSON_NAME;
import static com.bookingengine.api.common.InputLimits.PHONE;
import static com.bookingengine.api.common.InputLimits.REASON;
import static com.bookingengine.api.common.InputLimits.TRANSACTION_ID;

/** The JSON bodies of the booking endpoints (SPEC §4); text limits are {@code InputLimits}'. */
final class BookingRequests {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private BookingRequests() {
    }

    record Create(@Pattern(regexp = UUID, message = "must be a UUID") String bookingId,
                  @NotBlank @PlainTextField(max = ID) String serviceId,
                  @PlainTextField(max = ID) String sessionId,
                  @InCalendarRange Instant start,
                  @InCalendarRange Instant end,
                  @PlainTextField(max = ID) String providerId,
                  @Min(1) @Max(1000) Integer participants,
                  @NotNull @Valid Contact contact,
                  @Size(max = FORM_FIELDS) Map<String, String> formInfo,
                  @NotNull @Valid Payment payment,
                  Boolean joinWaitlist) {

        /**
         * Each form entry is plain text; a bad value names {@code formInfo.<name>}, as the service's own form rules
         * do (a map entry is no field Bean Validation can name that way).
         */
        void checkFormInfo() {
            if (formInfo == null) {
                return;
            }
            formInfo.forEach((name, value) -> {
                PlainText.problem(name, FORM_FIELD_NAME).ifPresent(problem -> {
                    throw new InvalidInputException("formInfo", "Each name in 'formInfo' " + problem);
                });
                PlainText.problem(value, FORM_VALUE).ifPresent(problem -> {
                    throw new InvalidInputException("formInfo." + name, "Field 'formInfo." + name + "' " + problem);
                });
            });
        }
    }

    record Contact(@PlainTextField(max = ID) String contactId,
                   @NotBlank @PlainTextField(max = PERSON_NAME) String firstName,
                   @NotBlank @PlainTextField(max = PERSON_NAME) String lastName,
                   @NotBlank @Email @PlainTextField(max = EMAIL) String email,
                   @PlainTextField(max = PHONE) String phone, @PlainTextField(max = ADDRESS) String address) {
    }

    record Payment(@NotNull PaymentOption option, @PlainTextField(max = PAYMENT_METHOD) String method,
                   @PlainTextField(max = COUPON_CODE) String couponCode, @PlainTextField(max = ID) String planId) {
    }

    /** confirm, decline, cancel, mark-paid, payment-failed: every field optional. */
    record Transition(Long expectedRevision, @PlainTextField(max = REASON) String reason) {
    }

    /**
     * A class names the new {@code sessionId}; an appointment the new slot's {@code start} and {@code end}, and
     * optionally the {@code providerId} it moves to.
     */
    record Reschedule(@PlainTextField(max = ID) String sessionId, @InCalendarRange Instant start,
                      @InCalendarRange Instant end, @PlainTextField(max = ID) String providerId,
                      Long expectedRevision) {
    }

    record Participants(@NotNull @Min(1) @Max(1000) Integer participants, Long expectedRevision) {
    }

    record PaymentApproved(@NotBlank @PlainTextField(max = TRANSACTION_ID) String transactionId,
                           Long expectedRevision) {
    }
}
