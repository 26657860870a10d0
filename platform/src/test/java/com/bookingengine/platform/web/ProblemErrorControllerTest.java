package com.bookingengine.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The error page's own logic: what the container dispatches to it becomes a problem, a 5xx an incident. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemErrorControllerTest {

    private final ProblemErrorController controller = new ProblemErrorController();

    @Test
    void aFailureNothingElseHandledIsA500WithAnIncidentLoggedWithItsStackTrace(CapturedOutput output)
            throws Exception {
        MockHttpServletRequest request = errorDispatch(500, "/api/v1/bookings");
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("filter broke"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        controller.error(request, response);

        JsonNode problem = new ObjectMapper().readTree(response.getContentAsString());
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        String incident = problem.path("incident").asText();
        assertThat(problem.path("detail").asText()).contains(incident).doesNotContain("filter broke");
        assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/bookings");
        assertThat(output.getOut()).contains("incident " + incident).contains("filter broke")
                .contains("\tat ");
    }

    @Test
    void aStatusSetBeforeSpringMvcKeepsItsStatusAndMessageCapped() throws Exception {
        MockHttpServletRequest request = errorDispatch(400, "/api/v1/x");
        request.setAttribute(RequestDispatcher.ERROR_MESSAGE, "bad: " + "y".repeat(5000));
        MockHttpServletResponse response = new MockHttpServletResponse();

        controller.error(request, response);

        JsonNode problem = new ObjectMapper().readTree(response.getContentAsString());
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).startsWith("bad: ").endsWith("…")
                .hasSize(ProblemWriter.MAX_TEXT);
    }

    @Test
    void calledDirectlyThereIsNothingToReport() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        MockHttpServletResponse response = new MockHttpServletResponse();

        controller.error(request, response);

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentType()).startsWith("application/problem+json");
    }

    @Test
    void capNeverSplitsACharacter() {
        String text = "a".repeat(ProblemWriter.MAX_TEXT - 2) + "😀😀";
        String capped = ProblemWriter.cap(text);
        assertThat(capped).endsWith("…").hasSizeLessThanOrEqualTo(ProblemWriter.MAX_TEXT);
        assertThat(Character.isHighSurrogate(capped.charAt(capped.length() - 2))).isFalse();
        assertThat(ProblemWriter.cap("short")).isEqualTo("short");
    }

    private static MockHttpServletRequest errorDispatch(int status, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, path);
        return request;
    }
}
