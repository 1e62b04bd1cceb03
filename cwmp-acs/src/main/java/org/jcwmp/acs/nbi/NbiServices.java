package org.jcwmp.acs.nbi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jcwmp.acs.auth.AuthService;
import org.jcwmp.acs.connreq.ConnectionRequester;
import org.jcwmp.acs.events.AcsEvents;
import org.jcwmp.acs.metrics.AcsMetrics;
import org.jcwmp.acs.provision.Faults;
import org.jcwmp.acs.provision.Provisioner;
import org.jcwmp.acs.session.CwmpEndpoint;
import org.jcwmp.acs.store.AuditLog;
import org.jcwmp.acs.store.CpeCredentialStore;
import org.jcwmp.acs.store.DeviceSearch;
import org.jcwmp.acs.store.DeviceStore;
import org.jcwmp.acs.store.FaultStore;
import org.jcwmp.acs.store.PresetStore;
import org.jcwmp.acs.store.TagStore;
import org.jcwmp.acs.task.TaskService;

/** Everything the NBI works with, built by AcsServer. metricsPublic: /metrics needs no token. */
public record NbiServices(DeviceStore devices, DeviceSearch search, TagStore tags, FaultStore faultStore, Faults faults,
                          PresetStore presets, Provisioner provisioner, CpeCredentialStore cpeCredentials,
                          TaskService tasks, ConnectionRequester connectionRequester, CwmpEndpoint cwmp,
                          AuthService auth, AuditLog audit, AcsEvents events, AcsMetrics metrics, ObjectMapper json,
                          boolean metricsPublic) {
}
