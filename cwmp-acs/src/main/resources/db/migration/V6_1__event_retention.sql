-- Event retention (EventRetention): the purge finds events older than the retention time by this index instead of
-- scanning every event; the dashboard's activity query (events received since a moment) uses it too.
-- Same dialect rules as V1: only types and statements that both H2 and PostgreSQL accept.
create index device_event_by_received on device_event (received);
