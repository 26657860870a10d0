package com.bookingengine.command.catalogue;

import com.bookingengine.api.catalogue.CreateServiceCommand;
import com.bookingengine.api.catalogue.ScheduleSessionCommand;
import com.bookingengine.api.catalogue.ScheduleWeeklySessionsCommand;
import com.bookingengine.api.catalogue.SessionSpec;
import com.bookingengine.api.catalogue.ServiceType;
import com.bookingengine.api.catalogue.UpdateServiceCommand;
import com.bookingengine.api.common.InputLimits;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.security.Caller;
import com.bookingengine.platform.validation.PathParameters;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Catalogue commands over HTTP: translates requests to commands and results to responses, nothing more. */
@RestController
@RequestMapping("/api/v1/services")
class CatalogueController {

    private final CommandGateway commands;

    CatalogueController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@Valid @RequestBody CatalogueRequests.CreateService body) {
        String serviceId = body.serviceId() == null ? UUID.randomUUID().toString() : body.serviceId();
        List<SessionSpec> sessions = body.sessions() == null ? List.of() : body.sessions().stream()
                .map(s -> new SessionSpec(s.sessionId() == null ? UUID.randomUUID().toString() : s.sessionId(),
                        s.start(), s.end(), s.capacity()))
                .toList();
        List<String> sessionIds = commands.sendAndWait(Caller.command(new CreateServiceCommand(serviceId,
                body.name(), body.type(), body.timeZone(), body.location(), body.price(), body.paymentOptions(),
                Boolean.TRUE.equals(body.requiresApproval()), body.bookingForm(),
                body.policy() == null ? null : body.policy().orDefaults(),
                body.capacityOrDefault(), sessions, body.schedule())));
        return ResponseEntity.created(URI.create("/api/v1/services/" + serviceId))
                .body(Map.of("serviceId", serviceId, "sessionIds", sessionIds));
    }

    @PutMapping("/{serviceId}")
    ResponseEntity<Map<String, Object>> update(@PathVariable String serviceId,
                                               @Valid @RequestBody CatalogueRequests.UpdateService body) {
        PathParameters.plainText("serviceId", serviceId, InputLimits.ID);
        // the type is the service's; a schedule sent to another type is refused by the service itself
        commands.sendAndWait(Caller.command(new UpdateServiceCommand(serviceId, body.name(), body.type(),
                body.timeZone(), body.location(), body.price(), body.paymentOptions(),
                Boolean.TRUE.equals(body.requiresApproval()), CatalogueRequests.bookingForm(body.formFields()),
                body.policy() == null ? null : body.policy().orDefaults(), body.capacity(),
                CatalogueRequests.schedule(true, body.workingHours(), body.slotMinutes()),
                CatalogueRequests.staffing(body.providers()))));
        return ResponseEntity.ok(Map.of("serviceId", serviceId));
    }

    @PostMapping("/{serviceId}/sessions")
    ResponseEntity<Map<String, Object>> addSession(@PathVariable String serviceId,
                                                   @Valid @RequestBody CatalogueRequests.AddSession body) {
        PathParameters.plainText("serviceId", serviceId, InputLimits.ID);
        if (body.weekly() != null) {
            if (body.start() != null || body.end() != null || body.sessionId() != null) {
                throw new InvalidInputException("weekly", "Send either 'weekly' or 'start' and 'end', not both; "
                        + "the ids of recurring sessions are derived from their dates");
            }
            CatalogueRequests.Weekly weekly = body.weekly();
            List<String> created = commands.sendAndWait(Caller.command(new ScheduleWeeklySessionsCommand(serviceId,
                    EnumSet.copyOf(weekly.days()), weekly.start(), weekly.end(), weekly.from(), weekly.until(),
                    body.capacity())));
            return ResponseEntity.created(URI.create("/api/v1/services/" + serviceId))
                    .body(Map.of("sessionIds", created));
        }
        if (body.start() == null) {
            throw new InvalidInputException("start", "Field 'start' is required");
        }
        if (body.end() == null) {
            throw new InvalidInputException("end", "Field 'end' is required");
        }
        String sessionId = body.sessionId() == null ? UUID.randomUUID().toString() : body.sessionId();
        String created = commands.sendAndWait(Caller.command(
                new ScheduleSessionCommand(serviceId, sessionId, body.start(), body.end(), body.capacity())));
        return ResponseEntity.created(URI.create("/api/v1/services/" + serviceId))
                .body(Map.of("sessionIds", List.of(created)));
    }
}
