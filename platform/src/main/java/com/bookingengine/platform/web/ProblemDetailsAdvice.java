package com.bookingengine.platform.web;

import com.bookingengine.api.rules.RuleViolation;
import com.bookingengine.platform.axon.ConcurrencyRetryScheduler;
import com.bookingengine.platform.error.ConflictException;
import com.bookingengine.platform.error.InvalidInputException;
import com.bookingengine.platform.error.NotFoundException;
import com.bookingengine.platform.error.RejectedCommandException;
import com.bookingengine.platform.error.Rejection;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.distributed.CommandDispatchException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * One place that turns every failure into RFC 9457 {@code application/problem+json} with a {@code detail} a
 * person can act on, and a {@code field} when one input is to blame. Every problem it (or any controller) answers
 * passes {@link #beforeBodyWrite} on its way out: capped in length ({@link ProblemWriter#MAX_TEXT}) and, for a
 * 4xx, logged as one line ({@link ClientErrors}); unexpected failures keep their stack trace under an incident id.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidInputException.class)
    public ProblemDetail invalid(InvalidInputException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        if (e.reason() != null) {
            problem.setProperty("reason", e.reason());
        }
        return withField(problem, e.field());
    }

    /** A domain rule refused the command: its status, field and reason come from {@link RuleProblems}. */
    @ExceptionHandler(RuleViolation.class)
    public ProblemDetail ruleViolation(RuleViolation e) {
        return RuleProblems.problem(e);
    }

    @ExceptionHandler(NotFoundException.class)
    public ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    public ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setProperty("reason", e.reason());
        return problem;
    }

    /** A race lost more often than the gateway retries: the caller may simply try again. */
    @ExceptionHandler(ConcurrencyException.class)
    public ProblemDetail concurrency(ConcurrencyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Another change to the same booking, session or provider day won the race; read again and retry");
        problem.setProperty("reason", "concurrency");
        return problem;
    }

    /**
     * A handler's refusal, carried as details (see {@code RejectionInterceptor}): on this node with its cause, from
     * another node (Axon Server) with the details alone.
     */
    @ExceptionHandler(HandlerExecutionException.class)
    public ProblemDetail handlerExecution(HandlerExecutionException e, HttpServletResponse response) {
        Throwable rejected = e.getCause() instanceof RejectedCommandException || e.getCause() instanceof RuleViolation
                ? e.getCause()
                : e.getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast)
                .map(Rejection::toException).orElse(null);
        ProblemDetail refusal = refusal(rejected);
        if (refusal != null) {
            return refusal;
        }
        if (ConcurrencyRetryScheduler.isLostRace(e)) {
            return concurrency(null);
        }
        return unexpected(e, response);
    }

    /** The problem for a refusal a handler threw (a domain rule, or the web layer's own checks); null for others. */
    private ProblemDetail refusal(Throwable rejected) {
        if (rejected instanceof RuleViolation violation) {
            return ruleViolation(violation);
        }
        if (rejected instanceof InvalidInputException invalid) {
            return invalid(invalid);
        }
        if (rejected instanceof ConflictException conflict) {
            return conflict(conflict);
        }
        if (rejected instanceof NotFoundException notFound) {
            return notFound(notFound);
        }
        return null;
    }

    /**
     * The message route is down (Axon Server does not answer, or no node handles this message right now): nothing was
     * written, and the same request may succeed a little later.
     */
    @ExceptionHandler({io.axoniq.axonserver.connector.AxonServerException.class,
            org.axonframework.axonserver.connector.AxonServerException.class, NoHandlerForCommandException.class,
            NoHandlerForQueryException.class, CommandDispatchException.class})
    public ProblemDetail unavailable(Exception e, HttpServletResponse response) {
        log.warn("Message route unavailable: {}", e.toString());
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The engine cannot reach its message routing (Axon Server) right now; nothing was written, "
                        + "try again shortly");
    }

    private static boolean routeUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof io.axoniq.axonserver.connector.AxonServerException
                    || t instanceof org.axonframework.axonserver.connector.AxonServerException
                    || t instanceof NoHandlerForCommandException || t instanceof NoHandlerForQueryException
                    || t instanceof CommandDispatchException || grpcUnavailable(t)
                    // Axon Server could not route the message: no handler ran (a handler's own failure arrives as
                    // an execution exception instead)
                    || t instanceof org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException
                    || t instanceof org.axonframework.axonserver.connector.command.AxonServerCommandDispatchException) {
                return true;
            }
        }
        return false;
    }

    /**
     * A call to Axon Server that found it gone, as the event store reports it (asking for its head position, for
     * a query's read-your-writes wait, fails with an {@code EventStoreException} over gRPC's {@code UNAVAILABLE}).
     */
    private static boolean grpcUnavailable(Throwable t) {
        io.grpc.Status status = t instanceof io.grpc.StatusRuntimeException runtime ? runtime.getStatus()
                : t instanceof io.grpc.StatusException checked ? checked.getStatus() : null;
        return status != null && status.getCode() == io.grpc.Status.Code.UNAVAILABLE;
    }

    /** A query's failure arrives wrapped by the query gateway's future. */
    @ExceptionHandler(CompletionException.class)
    public ProblemDetail completion(CompletionException e, HttpServletResponse response) {
        if (routeUnavailable(e)) {
            return unavailable(e, response);
        }
        if (e.getCause() instanceof HandlerExecutionException handlerExecution) {
            return handlerExecution(handlerExecution, response);
        }
        ProblemDetail refusal = refusal(e.getCause());
        if (refusal != null) {
            return refusal;
        }
        return unexpected(e);
    }

    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e, HttpServletResponse response) {
        if (routeUnavailable(e)) {
            return unavailable(e, response);
        }
        return unexpected(e);
    }

    private ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure, incident {}", incident, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Unexpected failure; the server log holds incident " + incident);
        problem.setProperty("incident", incident);
        return problem;
    }

    /** A wrong method is the client's mistake like any other: one line in the client-error log, not a WARN. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
                                                                         HttpHeaders headers, HttpStatusCode status,
                                                                         WebRequest request) {
        return handleExceptionInternal(e, null, headers, status, request);
    }

    /** An unknown path: the problem's {@code instance} names it, the detail need not repeat it. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No endpoint at this path"));
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            ProblemWriter.capped(problem);
            String path = request instanceof ServletServerHttpRequest servlet
                    ? servlet.getServletRequest().getRequestURI() : request.getURI().getRawPath();
            ClientErrors.log(request.getMethod().name(), path, problem);
        }
        return body;
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ProblemDetail forbidden(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "This API key's roles do not allow this call");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (causedBy(e, PayloadTooLargeException.class) != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(
                    ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                            causedBy(e, PayloadTooLargeException.class).getMessage()));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Malformed JSON body");
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            problem.setDetail("Field '" + field + "' " + complaint(mapping));
            withField(problem, field);
        } else if (e.getCause() == null && e.getMessage() != null && e.getMessage().contains("body is missing")) {
            problem.setDetail("A JSON body is required");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        FieldError first = e.getBindingResult().getFieldErrors().stream().findFirst().orElse(null);
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> "Field '" + f.getField() + "' " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "Invalid request body" : detail);
        return ResponseEntity.badRequest().body(withField(problem, first == null ? null : first.getField()));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Query parameter '" + e.getParameterName() + "' is required");
        return ResponseEntity.badRequest().body(withField(problem, e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : describe(e.getRequiredType());
        return withField(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Parameter '" + e.getName() + "' must be " + expected + ", got '" + quoted(e.getValue()) + "'"),
                e.getName());
    }

    private static String complaint(JsonMappingException e) {
        if (e instanceof InvalidFormatException format) {
            return "must be " + describe(format.getTargetType()) + ", got '" + quoted(format.getValue()) + "'";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return "is invalid: " + e.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be " + describe(mismatch.getTargetType());
        }
        return "is invalid";
    }

    /** A value the client sent, as a detail quotes it: short enough to leave room for the rest of the sentence. */
    private static String quoted(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "Instant", "OffsetDateTime" -> "an ISO-8601 instant with offset (2026-12-01T18:00:00Z)";
            case "LocalDate" -> "an ISO-8601 date (2026-12-01)";
            case "LocalTime" -> "a time of day (09:00)";
            case "int", "Integer", "long", "Long" -> "a whole number";
            case "boolean", "Boolean" -> "true or false";
            case "BigDecimal" -> "a decimal number";
            case "List", "Set" -> "an array";
            case "String" -> "a string";
            default -> "a valid " + type.getSimpleName();
        };
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ProblemDetail withField(ProblemDetail problem, String field) {
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
