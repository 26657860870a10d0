-- Staff and resources (appointment providers). Rows written before read as the implicit provider (null).
alter table availability_block add column provider_id varchar(255);
alter table booking_view add column provider_id varchar(255);
create index booking_view_provider on booking_view (provider_id, start_at);
