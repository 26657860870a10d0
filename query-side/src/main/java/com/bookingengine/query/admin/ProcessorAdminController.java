package com.bookingengine.query.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** SPEC §4 operations endpoints: event processor status, replay, dead letters (role OPERATOR). */
@RestController
@RequestMapping("/api/v1/admin/processors")
class ProcessorAdminController {

    private final ProcessorAdmin admin;

    ProcessorAdminController(ProcessorAdmin admin) {
        this.admin = admin;
    }

    record ProcessorList(List<ProcessorAdmin.ProcessorStatus> processors) {
    }

    @GetMapping
    ProcessorList processors() {
        return new ProcessorList(admin.processors());
    }

    @GetMapping("/{name}")
    ProcessorAdmin.ProcessorStatus processor(@PathVariable String name) {
        return admin.processor(name);
    }

    /** 202: the rebuild runs in the background; poll {@code GET /admin/processors} until it is no longer replaying. */
    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> replay(@PathVariable String name) {
        admin.replay(name);
        return Map.of("processor", name, "replaying", true);
    }

    @GetMapping("/{name}/dead-letters")
    ProcessorAdmin.DeadLetters deadLetters(@PathVariable String name) {
        return admin.deadLetters(name);
    }

    @PostMapping("/{name}/dead-letters/retry")
    ProcessorAdmin.RetryResult retry(@PathVariable String name) {
        return admin.retryDeadLetters(name);
    }
}
