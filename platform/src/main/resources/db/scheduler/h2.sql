-- db-scheduler's table, which holds Axon deadlines (checkout expiry) until they fire. db-scheduler creates no
-- tables itself; this runs at every start of the embedded profile and changes nothing when the table exists.
create table if not exists scheduled_tasks (
    task_name            varchar(100) not null,
    task_instance        varchar(100) not null,
    task_data            blob,
    execution_time       timestamp(6) with time zone not null,
    picked               boolean not null,
    picked_by            varchar(50),
    last_success         timestamp(6) with time zone,
    last_failure         timestamp(6) with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp(6) with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index if not exists scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index if not exists scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
