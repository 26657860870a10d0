package com.bookingengine.benchmarks.crud;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/bookings}: one transaction, the session row locked, capacity checked, the booking inserted. */
@RestController
@RequestMapping("/api/v1/bookings")
class CrudBookingController {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** The engine's create body (SPEC §4), with the same bean-validation limits. */
    record Create(@Pattern(regexp = UUID_PATTERN, message = "must be a UUID") String bookingId,
                  @NotBlank String serviceId,
                  @NotBlank String sessionId,
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

    record Payment(@NotNull @Pattern(regexp = "ONLINE|IN_PERSON|MEMBERSHIP") String option,
                   @Size(max = 50) String method, @Size(max = 50) String couponCode, @Size(max = 100) String planId) {
    }

    record Money(String amount, String currency) {
    }

    /** The engine's answer: {@code {bookingId, status, paymentStatus, revision, finalPrice}}. */
    record Result(String bookingId, String status, String paymentStatus, long revision, Money finalPrice) {
    }

    private record Session(String serviceId, int capacity, int taken, BigDecimal price, String currency) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    CrudBookingController(JdbcTemplate jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @PostMapping
    ResponseEntity<?> create(@Valid @RequestBody Create body) {
        String bookingId = body.bookingId() == null ? UUID.randomUUID().toString() : body.bookingId().toLowerCase();
        int participants = body.participants() == null ? 1 : body.participants();
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        String formInfo = formInfo(body.formInfo());
        return transactions.execute(tx -> {
            List<Session> found = jdbc.query("select service_id, capacity, taken, price_amount, currency from sessions"
                            + " where session_id = ? for update",
                    (row, i) -> new Session(row.getString(1), row.getInt(2), row.getInt(3), row.getBigDecimal(4),
                            row.getString(5)), body.sessionId());
            if (found.isEmpty() || !found.get(0).serviceId().equals(body.serviceId())) {
                return problem(HttpStatus.NOT_FOUND, "No session " + body.sessionId() + " of service "
                        + body.serviceId());
            }
            Session session = found.get(0);
            if (session.taken() + participants > session.capacity()) {
                return problem(HttpStatus.CONFLICT, "Session " + body.sessionId() + " has "
                        + (session.capacity() - session.taken()) + " open spots, " + participants + " asked");
            }
            BigDecimal price = session.price().multiply(BigDecimal.valueOf(participants));
            var contact = body.contact();
            int inserted = jdbc.update("insert into bookings (booking_id, session_id, service_id, participants,"
                            + " status, payment_status, contact_id, first_name, last_name, email, phone, address,"
                            + " form_info, payment_option, payment_method, price_amount, final_amount, currency,"
                            + " actor, created_at) values (?, ?, ?, ?, 'CONFIRMED', 'NOT_PAID', ?, ?, ?, ?, ?, ?,"
                            + " cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?) on conflict (booking_id) do nothing",
                    UUID.fromString(bookingId), body.sessionId(), body.serviceId(), participants,
                    contact.contactId(), contact.firstName(), contact.lastName(), contact.email(), contact.phone(),
                    contact.address(), formInfo, body.payment().option(), body.payment().method(),
                    session.price(), price, session.currency(), actor, Timestamp.from(Instant.now()));
            if (inserted == 0) {
                tx.setRollbackOnly();
                return problem(HttpStatus.CONFLICT, "Booking " + bookingId + " already exists");
            }
            jdbc.update("update sessions set taken = taken + ? where session_id = ?", participants, body.sessionId());
            Result result = new Result(bookingId, "CONFIRMED", "NOT_PAID", 1,
                    new Money(price.toPlainString(), session.currency()));
            return ResponseEntity.created(URI.create("/api/v1/bookings/" + bookingId)).eTag("\"1\"").body(result);
        });
    }

    private String formInfo(Map<String, String> formInfo) {
        try {
            return json.writeValueAsString(formInfo == null ? Map.of() : formInfo);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
