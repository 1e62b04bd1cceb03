-- Several ACS nodes on one PostgreSQL (issue 8). Each node keeps a row with its heartbeat (and whether its XMPP link is
-- up); a device in session has one row naming the node that holds the session; a task a session sent names the node
-- that sent it, so that only that node (or whoever finds it dead) puts it back. The embedded H2 store runs one node and
-- leaves the two tables empty. Same dialect rules as V1: only types and statements that both H2 and PostgreSQL accept.

create table acs_node (
    id         varchar(64) primary key,
    started    timestamp with time zone not null,
    heartbeat  timestamp with time zone not null,
    xmpp       boolean not null
);

create table device_session (
    device_id  varchar(400) primary key,
    node_id    varchar(64) not null,
    since      timestamp with time zone not null
);
create index device_session_by_node on device_session (node_id);

alter table task add column node_id varchar(64);
