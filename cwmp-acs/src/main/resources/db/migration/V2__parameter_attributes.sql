-- Notification (0 off, 1 passive, 2 active) and AccessList as last read or set, per parameter.
alter table device_parameter add column notification integer;
alter table device_parameter add column access_list varchar(1024);
