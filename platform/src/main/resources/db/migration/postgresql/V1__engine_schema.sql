-- The engine's whole PostgreSQL schema: Axon's event store, tokens, dead letters and (unused) saga tables, db-scheduler's
-- deadline table, and every projection's read model. One database, so a projection's token is committed in the same
-- transaction as its rows. Binary columns are bytea, never large objects (oid): a large object outlives the row that
-- pointed to it, and token updates would fill the database with orphans. Hibernate validates its entities against
-- this schema at start (ddl-auto=validate); a change to an entity needs a new migration here.

-- Axon event store --------------------------------------------------------------------------------------------------
-- The global index increments by exactly 1 (orm.xml sets allocation size 1 for the entity): a dense global stream.
create sequence domain_event_entry_seq start with 1 increment by 1;
create table domain_event_entry (
    global_index         bigint       not null primary key,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255),
    event_identifier     varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    time_stamp           varchar(255) not null,
    -- Two nodes appending the same aggregate's next event: the database keeps one, the other retries or answers 409.
    constraint domain_event_entry_aggregate_sequence unique (aggregate_identifier, sequence_number),
    constraint domain_event_entry_event_identifier unique (event_identifier)
);
create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    type                 varchar(255) not null,
    event_identifier     varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    time_stamp           varchar(255) not null,
    primary key (sequence_number, aggregate_identifier, type),
    constraint snapshot_event_entry_event_identifier unique (event_identifier)
);

-- Tracking tokens: one row per (processor, segment), claimed by one node at a time.
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    timestamp      varchar(255) not null,
    owner          varchar(255),
    primary key (segment, processor_name)
);

-- Events a projection could not apply, parked per aggregate until retried.
create table dead_letter_entry (
    dead_letter_id       varchar(255)  not null primary key,
    processing_group     varchar(255)  not null,
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    time_stamp           varchar(255)  not null,
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              bytea         not null,
    meta_data            bytea,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          timestamp(6) with time zone not null,
    last_touched         timestamp(6) with time zone,
    processing_started   timestamp(6) with time zone,
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    constraint dead_letter_entry_sequence unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_entry_group on dead_letter_entry (processing_group);
create index dead_letter_entry_group_sequence on dead_letter_entry (processing_group, sequence_identifier);

-- Axon's JPA auto-configuration registers its saga entities; the engine has no sagas, the tables stay empty.
create sequence association_value_entry_seq start with 1 increment by 50;
create table association_value_entry (
    id                bigint       not null primary key,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_id           varchar(255) not null,
    saga_type         varchar(255)
);
create index association_value_entry_type_key_value on association_value_entry (saga_type, association_key, association_value);
create index association_value_entry_saga on association_value_entry (saga_id, saga_type);
create table saga_entry (
    saga_id         varchar(255) not null primary key,
    saga_type       varchar(255),
    revision        varchar(255),
    serialized_saga bytea
);

-- Deadlines (checkout expiry): db-scheduler's table, PostgreSQL flavour ---------------------------------------------
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- Read models (query side): each projection owns its tables -------------------------------------------------------
-- bookings
create table booking_view (
    booking_id     varchar(255) not null primary key,
    service_id     varchar(255),
    service_name   varchar(255),
    service_type   varchar(255) check (service_type in ('APPOINTMENT', 'CLASS', 'COURSE')),
    session_id     varchar(255),
    start_at       timestamp(6) with time zone,
    end_at         timestamp(6) with time zone,
    participants   integer      not null,
    status         varchar(255) check (status in ('PENDING', 'PENDING_CHECKOUT', 'CONFIRMED', 'DECLINED', 'CANCELED')),
    payment_status varchar(255) check (payment_status in ('NOT_PAID', 'PENDING', 'PAID', 'EXEMPT', 'REFUNDED')),
    waitlisted     boolean      not null,
    contact_id     varchar(255),
    contact        jsonb,
    form_info      jsonb,
    payment        jsonb,
    revision       bigint       not null,
    created_at     timestamp(6) with time zone,
    updated_at     timestamp(6) with time zone
);
create index booking_view_status on booking_view (status);
create index booking_view_service on booking_view (service_id, start_at);
create index booking_view_contact on booking_view (contact_id);
create index booking_view_start on booking_view (start_at);

-- catalogue
create table catalogue_service (
    service_id        varchar(255) not null primary key,
    name              varchar(255),
    type              varchar(255) check (type in ('APPOINTMENT', 'CLASS', 'COURSE')),
    time_zone         varchar(255),
    location          varchar(500),
    capacity          integer      not null,
    requires_approval boolean      not null,
    price             jsonb,
    payment_options   jsonb,
    form_fields       jsonb,
    policy            jsonb,
    schedule          jsonb
);
create table catalogue_session (
    session_id varchar(255) not null primary key,
    service_id varchar(255),
    start_at   timestamp(6) with time zone,
    end_at     timestamp(6) with time zone,
    capacity   integer      not null
);
create index catalogue_session_service on catalogue_session (service_id, start_at);
create table catalogue_course_session (
    row_id     varchar(255) not null primary key,
    service_id varchar(255),
    session_id varchar(255),
    start_at   timestamp(6) with time zone,
    end_at     timestamp(6) with time zone
);
create index catalogue_course_session_service on catalogue_course_session (service_id, start_at);

-- availability
create table availability_service (
    service_id varchar(255) not null primary key,
    type       varchar(255) check (type in ('APPOINTMENT', 'CLASS', 'COURSE')),
    time_zone  varchar(255),
    policy     jsonb,
    schedule   jsonb
);
create table availability_session (
    session_id varchar(255) not null primary key,
    service_id varchar(255),
    start_at   timestamp(6) with time zone,
    end_at     timestamp(6) with time zone,
    capacity   integer      not null,
    reserved   integer      not null,
    waitlisted integer      not null default 0
);
create index availability_session_service on availability_session (service_id, start_at);
create table availability_block (
    block_id   varchar(255) not null primary key,
    service_id varchar(255),
    from_at    timestamp(6) with time zone,
    to_at      timestamp(6) with time zone
);
create index availability_block_service on availability_block (service_id, from_at);

-- checkout options
create table checkout_service (
    service_id      varchar(255) not null primary key,
    payment_options jsonb
);
create table checkout_plan (
    plan_id           varchar(255) not null primary key,
    contact_id        varchar(255),
    name              varchar(200),
    remaining_credits integer      not null,
    service_ids       jsonb
);
create index checkout_plan_contact on checkout_plan (contact_id);
