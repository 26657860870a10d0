package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.AppointmentSchedule;
import com.bookingengine.api.catalogue.BookingPolicy;
import com.bookingengine.api.catalogue.FormField;
import com.bookingengine.api.catalogue.PaymentOption;
import com.bookingengine.api.catalogue.Provider;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.WorkingHours;
import com.bookingengine.api.common.Money;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.validation.InCalendarRange;
import com.bookingengine.platform.validation.PlainTextField;
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
import java.util.Set;

import static com.bookingengine.api.common.InputLimits.FORM_FIELDS;
import static com.bookingengine.api.common.InputLimits.FORM_FIELD_NAME;
import static com.bookingengine.api.common.InputLimits.LOCATION;
import static com.bookingengine.api.common.InputLimits.SERVICE_NAME;
import static com.bookingengine.api.common.InputLimits.TIME_ZONE;

/** The JSON bodies of the catalogue endpoints (SPEC §4); text limits are {@code InputLimits}'. */
final class CatalogueRequests {

    static final String ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";
    static final int DEFAULT_CLASS_CAPACITY = 10;
    static final int DEFAULT_SLOT_MINUTES = 30;
    static final int MAX_PROVIDERS = 100;

    private CatalogueRequests() {
    }

    record CreateService(@Pattern(regexp = ID, message = ID_MESSAGE) String serviceId,
                         @NotBlank @PlainTextField(max = SERVICE_NAME) String name,
                         @NotNull ServiceType type,
                         @NotBlank @PlainTextField(max = TIME_ZONE) String timeZone,
                         @PlainTextField(max = LOCATION) String location,
                         @NotNull Money price,
                         @NotEmpty Set<@NotNull PaymentOption> paymentOptions,
                         Boolean requiresApproval,
                         @Size(max = FORM_FIELDS) List<@Valid @NotNull Field> formFields,
                         @Valid Policy policy,
                         @Min(1) @Max(100_000) Integer capacity,
                         @Size(max = 100) List<@Valid @NotNull Hours> workingHours,
                         @Min(5) @Max(1440) Integer slotMinutes,
                         @Size(max = MAX_PROVIDERS) List<@Valid @NotNull Staff> providers,
                         @Size(max = 1000) List<@Valid @NotNull Session> sessions) {

        /**
         * An appointment service's grid and providers (a provider sent without an id gets one); null for the other
         * types (which then must not send working hours; providers sent to them the service refuses).
         */
        AppointmentSchedule schedule() {
            AppointmentSchedule schedule = CatalogueRequests.schedule(type == ServiceType.APPOINTMENT, workingHours,
                    slotMinutes);
            List<Provider> staff = providers == null ? List.of() : providers.stream().map(p -> p.toProvider(
                    p.providerId() == null ? java.util.UUID.randomUUID().toString() : p.providerId())).toList();
            if (schedule == null && staff.isEmpty()) {
                return null;
            }
            return schedule == null ? new AppointmentSchedule(List.of(), DEFAULT_SLOT_MINUTES, staff)
                    : new AppointmentSchedule(schedule.workingHours(), schedule.slotMinutes(), staff);
        }

        List<FormField> bookingForm() {
            return CatalogueRequests.bookingForm(formFields);
        }

        /** CLASS: the default per session; COURSE: the course's; APPOINTMENT: one provider. */
        int capacityOrDefault() {
            return capacity != null ? capacity : type == ServiceType.APPOINTMENT ? 1 : DEFAULT_CLASS_CAPACITY;
        }
    }

    /** A field of the booking form; whether its name is given and unique the service decides. */
    record Field(@PlainTextField(max = FORM_FIELD_NAME) String name, boolean required) {
    }

    static List<FormField> bookingForm(List<Field> fields) {
        return fields == null ? null : fields.stream().map(f -> new FormField(f.name(), f.required())).toList();
    }

    /** A provider of an appointment service: staff or a resource, with its own weekly hours or the service's. */
    record Staff(@Pattern(regexp = ID, message = ID_MESSAGE) String providerId,
                 @NotBlank @PlainTextField(max = SERVICE_NAME) String name,
                 @Size(max = 100) List<@Valid @NotNull Hours> workingHours) {

        Provider toProvider(String id) {
            return new Provider(id, name, workingHours == null ? null : workingHours.stream()
                    .map(h -> new WorkingHours(h.day(), h.start(), h.end())).toList(), false);
        }
    }

    /**
     * The providers a {@code PUT} lists as taking bookings; each names its {@code providerId} (one left out is
     * retired, so an id made up anew would retire the provider it meant). Null: unchanged.
     */
    static List<Provider> staffing(List<Staff> providers) {
        if (providers == null) {
            return null;
        }
        for (int i = 0; i < providers.size(); i++) {
            if (providers.get(i).providerId() == null) {
                throw new InvalidInputException("providers[" + i + "].providerId", "Field 'providers[" + i
                        + "].providerId' is required on an update: a provider left out is retired");
            }
        }
        return providers.stream().map(p -> p.toProvider(p.providerId())).toList();
    }

    /** One entry of an appointment service's weekly working hours, in the service's local time. */
    record Hours(@NotNull DayOfWeek day, @NotNull LocalTime start, @NotNull LocalTime end) {
    }

    static AppointmentSchedule schedule(boolean appointment, List<Hours> workingHours, Integer slotMinutes) {
        if (workingHours == null && slotMinutes == null) {
            return null;
        }
        if (!appointment && workingHours == null) {
            throw new InvalidInputException("slotMinutes", "slotMinutes is for APPOINTMENT services");
        }
        return new AppointmentSchedule(workingHours == null ? null : workingHours.stream()
                .map(h -> new WorkingHours(h.day(), h.start(), h.end())).toList(),
                slotMinutes == null ? DEFAULT_SLOT_MINUTES : slotMinutes);
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

    record Session(@Pattern(regexp = ID, message = ID_MESSAGE) String sessionId,
                   @NotNull @InCalendarRange Instant start, @NotNull @InCalendarRange Instant end,
                   @Min(1) @Max(100_000) Integer capacity) {
    }

    /** One session ({@code start}, {@code end}), or the sessions of a weekly recurrence ({@code weekly}). */
    record AddSession(@Pattern(regexp = ID, message = ID_MESSAGE) String sessionId, @InCalendarRange Instant start,
                      @InCalendarRange Instant end, @Min(1) @Max(100_000) Integer capacity, @Valid Weekly weekly) {
    }

    /** Local days and times in the service's time zone; {@code from} and {@code until} inclusive. */
    record Weekly(@NotEmpty @Size(max = 7) List<@NotNull DayOfWeek> days, @NotNull LocalTime start,
                  @NotNull LocalTime end, @NotNull @InCalendarRange LocalDate from,
                  @NotNull @InCalendarRange LocalDate until) {
    }

    /**
     * {@code PUT /services/{id}}: the terms of {@code POST /services}; type and time zone may be repeated, not
     * changed. An appointment service's working hours and slot length stay as they are when left out.
     */
    record UpdateService(@NotBlank @PlainTextField(max = SERVICE_NAME) String name,
                         ServiceType type,
                         @PlainTextField(max = TIME_ZONE) String timeZone,
                         @PlainTextField(max = LOCATION) String location,
                         @NotNull Money price,
                         @NotEmpty Set<@NotNull PaymentOption> paymentOptions,
                         Boolean requiresApproval,
                         @Size(max = FORM_FIELDS) List<@Valid @NotNull Field> formFields,
                         @Valid Policy policy,
                         @Min(1) @Max(100_000) Integer capacity,
                         @Size(max = 100) List<@Valid @NotNull Hours> workingHours,
                         @Min(5) @Max(1440) Integer slotMinutes,
                         @Size(max = MAX_PROVIDERS) List<@Valid @NotNull Staff> providers) {
    }
}
