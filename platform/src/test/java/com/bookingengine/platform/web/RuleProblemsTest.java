package com.bookingengine.platform.web;

import com.bookingengine.api.rules.Rule;
import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.platform.error.Rejection;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule table: every rule answers, with the status its kind means, and a refusal reads the same from any node. */
class RuleProblemsTest {

    @Test
    void everyRuleHasARowWhoseStatusIsItsKind() {
        for (Rule rule : Rule.values()) {
            RuleProblems.Row row = RuleProblems.row(rule);
            HttpStatus expected = switch (rule.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case CONFLICT -> HttpStatus.CONFLICT;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
            };
            assertThat(row.status()).as(rule.name()).isEqualTo(expected);
            if (rule.kind() == Rule.Kind.INVALID) {
                assertThat(row.field()).as(rule + " blames a field").isNotBlank();
            }
            if (rule.kind() == Rule.Kind.CONFLICT) {
                assertThat(row.reason()).as(rule + " gives a reason").isNotBlank();
            }
        }
    }

    @Test
    void aViolationAtAPartBlamesThatPartsField() {
        ProblemDetail plain = RuleProblems.problem(new RuleViolation(Rule.SESSION_ENDS_BEFORE_START, "ends early"));
        ProblemDetail second = RuleProblems.problem(new RuleViolation(Rule.SESSION_ENDS_BEFORE_START, "ends early")
                .at(1));
        ProblemDetail form = RuleProblems.problem(new RuleViolation(Rule.FORM_FIELD_REQUIRED, "needed", "phone"));

        assertThat(plain.getStatus()).isEqualTo(400);
        assertThat(plain.getDetail()).isEqualTo("ends early");
        assertThat(plain.getProperties()).containsEntry("field", "end").doesNotContainKey("reason");
        assertThat(second.getProperties()).containsEntry("field", "sessions[1].end");
        assertThat(form.getProperties()).containsEntry("field", "formInfo.phone");
    }

    @Test
    void aConflictGivesItsReasonWord() {
        ProblemDetail problem = RuleProblems.problem(new RuleViolation(Rule.NO_OPEN_SPOTS, "full"));

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).containsEntry("reason", "capacity").doesNotContainKey("field");
    }

    /** Through Axon Server only the details cross: the rule travels as its name and maps the same on arrival. */
    @Test
    void aViolationDecidedOnAnotherNodeReadsTheSame() throws Exception {
        RuleViolation violation = new RuleViolation(Rule.COUPON_EXPIRED, "Coupon 'X' expired", null);
        ObjectMapper json = new ObjectMapper();
        Rejection travelled = json.readValue(json.writeValueAsString(Rejection.of(violation)), Rejection.class);
        HandlerExecutionException remote = new CommandExecutionException("remote", null, travelled);

        ProblemDetail problem = new ProblemDetailsAdvice().handlerExecution(remote, new MockHttpServletResponse());

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail()).isEqualTo("Coupon 'X' expired");
        assertThat(problem.getProperties()).containsEntry("field", "payment.couponCode")
                .containsEntry("reason", "expiredCoupon");
    }
}
