package com.bookingengine.query.audit;

import com.bookingengine.platform.error.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /audit/verify[?aggregateId=]}: checks the hash chain of one aggregate, or of the whole store. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final ChainVerifier verifier;

    AuditController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/verify")
    ChainVerifier.Verdict verify(@RequestParam(required = false) String aggregateId) {
        if (!verifier.available()) {
            throw new ErrorResponseException(HttpStatus.NOT_IMPLEMENTED, ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_IMPLEMENTED, "The hash chain is checked over the rows of the relational event "
                            + "store; with Axon Server as the event store this check is not available"), null);
        }
        if (aggregateId == null) {
            return verifier.verifyAll();
        }
        ChainVerifier.Verdict verdict = verifier.verifyAggregate(aggregateId);
        if (verdict.checked() == 0) {
            throw new NotFoundException("No events are stored for aggregate " + aggregateId);
        }
        return verdict;
    }
}
