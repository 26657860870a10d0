package com.bookingengine.benchmarks.crud;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reference the load benchmark measures the engine against: the booking endpoint a team would write without
 * event sourcing. Spring Boot with Spring MVC, Spring Security (an API-key filter like the engine's), Jackson, bean
 * validation, the actuator and JdbcTemplate on PostgreSQL; {@code POST /api/v1/bookings} takes the engine's JSON body
 * and, in one transaction, locks the session row ({@code SELECT ... FOR UPDATE}), checks its capacity, inserts the
 * booking and counts the seats, then answers 201 with the engine's answer shape.
 * <p>
 * Not part of the engine: {@code LoadBenchmark} starts it as a process of its own ({@code java -cp <this module's
 * classpath without Axon, the engine's modules, Hibernate, Flyway and H2> ...CrudBookingApp}), so Boot's
 * auto-configuration gives it exactly what a team's plain Boot app would get from those starters. API keys come
 * from {@code crud.api-keys[i].key/name/roles} (or {@code CRUD_API_KEYS_0_KEY}, ...).
 */
@SpringBootApplication
public class CrudBookingApp {

    public static void main(String[] args) {
        SpringApplication.run(CrudBookingApp.class, args);
    }

    /** The two tables, created at start when missing; the benchmark inserts the sessions with plain JDBC. */
    @Bean
    ApplicationRunner schema(JdbcTemplate jdbc) {
        return args -> {
            jdbc.execute("""
                    create table if not exists sessions (
                        session_id   varchar(100) primary key,
                        service_id   varchar(100) not null,
                        service_name varchar(200) not null,
                        starts_at    timestamptz  not null,
                        ends_at      timestamptz  not null,
                        capacity     int          not null,
                        taken        int          not null default 0,
                        price_amount numeric(12, 2) not null,
                        currency     char(3)      not null)""");
            jdbc.execute("""
                    create table if not exists bookings (
                        booking_id     uuid         primary key,
                        session_id     varchar(100) not null references sessions,
                        service_id     varchar(100) not null,
                        participants   int          not null,
                        status         varchar(20)  not null,
                        payment_status varchar(20)  not null,
                        contact_id     varchar(100),
                        first_name     varchar(100) not null,
                        last_name      varchar(100) not null,
                        email          varchar(254) not null,
                        phone          varchar(50),
                        address        varchar(500),
                        form_info      jsonb,
                        payment_option varchar(20)  not null,
                        payment_method varchar(50),
                        price_amount   numeric(12, 2) not null,
                        final_amount   numeric(12, 2) not null,
                        currency       char(3)      not null,
                        actor          varchar(100) not null,
                        created_at     timestamptz  not null)""");
            jdbc.execute("create index if not exists bookings_session on bookings (session_id)");
        };
    }
}
