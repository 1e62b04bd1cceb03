-- Device search by serial number ({"_deviceId._SerialNumber": ...}, the web UI's search box) scanned every device
-- row: 3.4 s at 1,000,000 devices on H2 (bench store, docs/benchmarks.md). A serial never changes after the first
-- Inform, so the index costs one entry per device and nothing per session.
create index device_by_serial_number on device (serial_number);
