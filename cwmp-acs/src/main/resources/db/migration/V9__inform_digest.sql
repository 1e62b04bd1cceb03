-- A digest of the parameter values a device's last Inform reported (issue 8): when the next Inform reports the same
-- ones, as most periodic Informs do, the ACS need not read them back to compare. Null whenever the stored values may
-- differ from that Inform (written since by a response, an object deleted, the device new).
alter table device add column inform_digest bigint;
