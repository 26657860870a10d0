package com.bookingengine.command.booking;

import com.bookingengine.api.catalogue.PaymentOption;
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

/** The JSON bodies of the booking endpoints (SPEC §4). */
final class BookingRequests {

    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private BookingRequests() {
    }

    record Create(@Pattern(regexp = UUID, message = "must be a UUID") String bookingId,
                  @NotBlank String serviceId,
                  String sessionId,
                  Instant start,
                  Instant end,
                  @Min(1) @Max(1000) Integer participants,
                  @NotNull @Valid Contact contact,
                  @Size(max = 50) Map<String, @Size(max = 2000) String> formInfo,
                  @NotNull @Valid Payment payment,
                  Boolean joinWaitlist) {
    }

    record Contact(@Size(max = 100) String contactId, @NotBlank @Size(max = 100) String firstName,
                   @NotBlank @Size(max = 100) String lastName, @NotBlank @Email @Size(max = 254) String email,
                   @Size(max = 50) String phone, @Size(max = 500) String address) {
    }

    record Payment(@NotNull PaymentOption option, @Size(max = 50) String method, @Size(max = 50) String couponCode,
                   @Size(max = 100) String planId) {
    }

    /** confirm, decline, cancel, mark-paid, payment-failed: every field optional. */
    record Transition(Long expectedRevision, @Size(max = 500) String reason) {
    }

    /** A class names the new {@code sessionId}; an appointment the new slot's {@code start} and {@code end}. */
    record Reschedule(@Size(max = 100) String sessionId, Instant start, Instant end, Long expectedRevision) {
    }

    record Participants(@NotNull @Min(1) @Max(1000) Integer participants, Long expectedRevision) {
    }

    record PaymentApproved(@NotBlank @Size(max = 200) String transactionId, Long expectedRevision) {
    }
}
