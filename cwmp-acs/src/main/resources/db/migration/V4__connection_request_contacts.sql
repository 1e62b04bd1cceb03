-- How the ACS reaches a device besides its ConnectionRequestURL: the UDP address (TR-069 Annex G, TR-111),
-- its XMPP JabberID (Annex K), and the STUN credentials the ACS gave it.
alter table device add column udp_cr_address varchar(300);
alter table device add column jabber_id varchar(3072);
alter table device add column stun_username varchar(256);
alter table device add column stun_password varchar(256);
create index device_by_stun_username on device (stun_username);
