-- The PostgreSQL profile appends events with Axon's JDBC storage engine, which leaves the global index to the
-- database: the column takes the next value of its sequence (which counts by 1), as the JPA engine's did.
alter table domain_event_entry alter column global_index set default nextval('domain_event_entry_seq');
alter sequence domain_event_entry_seq owned by domain_event_entry.global_index;
