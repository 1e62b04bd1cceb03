// The ACS's live event stream (Server-Sent Events at /events), filtered by device and type.
// EventSource reconnects by itself and resumes with Last-Event-ID.

const TYPES = ['inform', 'values', 'task', 'session', 'connection-request', 'fault', 'transfer-complete', 'transfer-result',
  'autonomous-transfer-complete', 'autonomous-du-state-change-complete', 'provisioning', 'campaign'];

export function subscribe({ device, types } = {}, onEvent) {
  const q = new URLSearchParams();
  if (device) q.set('device', device);
  if (types) q.set('types', types.join(','));
  const source = new EventSource(`/events?${q}`);
  for (const t of TYPES) {
    source.addEventListener(t, (m) => {
      try { onEvent(JSON.parse(m.data)); } catch (e) { console.warn('bad event', e); }
    });
  }
  return () => source.close();
}

/** One line for people: what the event says. */
export function describe(e) {
  const d = e.data || {};
  switch (e.type) {
    case 'inform': return `Inform ${(d.events || []).join(', ')}`;
    case 'values': {
      const names = Object.keys(d.parameters || {});
      const shown = names.slice(0, 3).map((n) => `${n.split('.').slice(-1)[0]} = ${d.parameters[n]}`).join(', ');
      return `${names.length} value${names.length === 1 ? '' : 's'} (${d.source}): ${shown}${names.length > 3 ? ', …' : ''}`;
    }
    case 'task': return `${d.name} ${d.status}${d.subState ? ` (${d.subState})` : ''}${d.fault ? ` — fault ${d.fault.code} ${d.fault.string}` : ''}${d.presets ? ` (preset ${d.presets.join(', ')})` : ''}`;
    case 'session': return 'session ended';
    case 'connection-request': return `connection request (${d.mechanism}) ${d.delivered ? 'delivered' : 'failed'}: ${d.detail}, ${Math.round(d.elapsedMillis)} ms`;
    case 'fault': return `fault ${d.action}: ${d.channel}${d.code ? ` ${d.code}` : ''} ${d.message || ''}`;
    case 'transfer-complete': return `transfer complete (${(d.events || []).join(', ')})`;
    case 'transfer-result': return `TransferComplete ${d.commandKey}: ${d.fault && d.fault.code ? `fault ${d.fault.code} ${d.fault.string}` : 'succeeded'}`;
    case 'autonomous-transfer-complete': return `autonomous transfer of ${d.targetFileName || d.transferURL || 'a file'}${d.faultStruct && d.faultStruct.faultCode ? ` failed: ${d.faultStruct.faultCode}` : ''}`;
    case 'autonomous-du-state-change-complete': return 'autonomous DU state change';
    case 'campaign': return `campaign ${d.name} ${d.status}: ${d.succeeded} succeeded, ${d.failed} failed, ${d.inProgress} in progress`;
    case 'provisioning': return `presets ${(d.presets || []).join(', ')}: ${(d.rpcs || []).join(', ') || 'no RPC'}${d.tagsAdded ? ` +tags ${d.tagsAdded.join(', ')}` : ''}${d.notes ? ` — ${d.notes.join('; ')}` : ''}`;
    default: return e.type;
  }
}
