-- Whether content on disk is still used (FileStore.contentInUse) is asked on every delete and replace.
create index acs_file_by_sha256 on acs_file (sha256);
create index device_upload_by_sha256 on device_upload (sha256);
