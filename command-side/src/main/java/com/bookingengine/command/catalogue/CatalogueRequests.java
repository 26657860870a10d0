package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.common.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON bodies of the catalogue endpoints (SPEC §4). */
final class CatalogueRequests {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";
    static final int DEFAULT_CLASS_CAPACITY = 10;

    private CatalogueRequests() {
    }

    record CreateService(@Pattern(regexp = ID, message = ID_MESSAGE) String serviceId,
                         @NotBlank @Size(max = 200) String name,
                         @NotNull ServiceType type,
                         @NotBlank String timeZone,
                         @Size(max = 500) String location,
                         @NotNull Money price,
                         @NotEmpty Set<@NotNull PaymentOption> paymentOptions,
                         Boolean requiresApproval,
                         @Size(max = 50) List<@Valid @NotNull FormField> formFields,
                         @Valid Policy policy,
                         @Min(1) @Max(100_000) Integer capacity,
                         List<Map<String, Object>> workingHours,
                         Integer slotMinutes,
                         @Size(max = 1000) List<@Valid @NotNull Session> sessions) {
    }

    /** A policy where every field is optional; what is left out takes the default. */
    record Policy(@Min(0) Integer minNoticeMinutes, @Min(1) Integer maxAdvanceDays,
                  @Min(0) Integer cancellationWindowMinutes, @Min(1) Integer maxParticipantsPerBooking,
                  @Min(0) Integer waitlistCapacity, @Min(0) Integer bufferMinutes,
                  @Min(1) Integer checkoutTimeoutMinutes) {

        BookingPolicy orDefaults() {
            BookingPolicy d = BookingPolicy.defaults();
            return new BookingPolicy(or(minNoticeMinutes, d.minNoticeMinutes()), or(maxAdvanceDays, d.maxAdvanceDays()),
                    or(cancellationWindowMinutes, d.cancellationWindowMinutes()),
                    or(maxParticipantsPerBooking, d.maxParticipantsPerBooking()),
                    or(waitlistCapacity, d.waitlistCapacity()), or(bufferMinutes, d.bufferMinutes()),
                    or(checkoutTimeoutMinutes, d.checkoutTimeoutMinutes()));
        }

        private static int or(Integer value, int fallback) {
            return value == null ? fallback : value;
        }
    }

    record Session(@Pattern(regexp = ID, message = ID_MESSAGE) String sessionId, @NotNull Instant start,
                   @NotNull Instant end, @Min(1) @Max(100_000) Integer capacity) {
    }

    /** One session ({@code start}, {@code end}), or the sessions of a weekly recurrence ({@code weekly}). */
    record AddSession(@Pattern(regexp = ID, message = ID_MESSAGE) String sessionId, Instant start, Instant end,
                      @Min(1) @Max(100_000) Integer capacity, @Valid Weekly weekly) {
    }

    /** Local days and times in the service's time zone; {@code from} and {@code until} inclusive. */
    record Weekly(@NotEmpty @Size(max = 7) List<@NotNull DayOfWeek> days, @NotNull LocalTime start,
                  @NotNull LocalTime end, @NotNull LocalDate from, @NotNull LocalDate until) {
    }

    /** {@code PUT /services/{id}}: the terms of {@code POST /services}; type and time zone may be repeated, not changed. */
    record UpdateService(@NotBlank @Size(max = 200) String name,
                         ServiceType type,
                         String timeZone,
                         @Size(max = 500) String location,
                         @NotNull Money price,
                         @NotEmpty Set<@NotNull PaymentOption> paymentOptions,
                         Boolean requiresApproval,
                         @Size(max = 50) List<@Valid @NotNull FormField> formFields,
                         @Valid Policy policy,
                         @Min(1) @Max(100_000) Integer capacity) {
    }
}
