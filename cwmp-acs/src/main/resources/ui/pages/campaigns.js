import { h, clear, toast, time } from '../dom.js';
import { get, post, enc } from '../api.js';
import { subscribe } from '../live.js';

/** Firmware campaigns: the list with progress, a create form, pause/resume/cancel, and one campaign's devices. */
export async function render(main, params, session) {
  const canWrite = session.user.role !== 'read-only';
  const list = h('div', { id: 'campaign-list' });
  const detail = h('div', { id: 'campaign-detail' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, 'Campaigns')),
    h('p', { class: 'muted' }, 'A campaign sends one firmware file from the Files page as a Download to every device a query ',
      'matches, a batch at a time, and halts by itself when more than its failure threshold of the finished devices failed. ',
      'Devices already on the file\u2019s version count as succeeded without a Download.'),
    canWrite ? await createForm(load) : null, list, detail);

  async function load() {
    let campaigns;
    try {
      campaigns = await get('/campaigns');
    } catch (e) {
      clear(list, h('div', { class: 'card error' }, e.message));
      return;
    }
    clear(list, h('div', { class: 'card flush' }, h('table', { class: 'list', id: 'campaign-table' },
      h('thead', {}, h('tr', {}, ['Campaign', 'Status', 'Progress', 'Targeted', 'Pending', 'In progress', 'Succeeded', 'Failed', '']
        .map((x) => h('th', {}, x)))),
      h('tbody', {}, campaigns.length === 0
        ? h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'No campaign yet.'))
        : campaigns.map((c) => row(c))))));
    if (params.id) showDevices(params.id);
  }

  function row(c) {
    const n = c.counts;
    const actions = [];
    if (canWrite && c.status === 'running') actions.push(action(c, 'pause', 'Pause'));
    if (canWrite && c.status === 'paused') actions.push(action(c, 'resume', 'Resume'));
    if (canWrite && ['running', 'paused', 'halted'].includes(c.status)) actions.push(action(c, 'cancel', 'Cancel', 'danger'));
    return h('tr', { dataset: { campaign: c.id } },
      h('td', {}, h('a', { href: `#/campaigns?id=${c.id}` }, h('b', {}, c.name)), h('div', { class: 'muted small' },
        `${c.file}${c.fileVersion ? ` (version ${c.fileVersion})` : ''}, batch ${c.batchSize}, at most ${c.maxConcurrent}, `
        + `threshold ${(c.failureThreshold * 100).toFixed(1)}%`)),
      h('td', {}, h('span', { class: `campaign-status ${c.status}` }, c.status),
        c.reason ? h('div', { class: 'muted small' }, c.reason) : null),
      h('td', {}, progress(n)),
      ...[n.targeted, n.pending, n.inProgress, n.succeeded, n.failed].map((x) => h('td', { class: 'num' }, x)),
      h('td', { class: 'row-buttons' }, actions));
  }

  function action(c, verb, label, kind) {
    return h('button', { class: `small ${kind || ''}`, dataset: { action: verb }, onclick: async () => {
      if (verb === 'cancel' && !confirm(`Cancel ${c.name}? Pending devices will not get the Download.`)) return;
      try {
        await post(`/campaigns/${c.id}/${verb}`);
        toast(`${c.name}: ${verb}d`, 'ok');
      } catch (e) {
        toast(e.message, 'error');
      }
      load();
    } }, label);
  }

  async function showDevices(id) {
    let page;
    try {
      page = await get(`/campaigns/${enc(id)}/devices?limit=200`);
    } catch (e) {
      clear(detail, h('div', { class: 'card error' }, e.message));
      return;
    }
    clear(detail, h('section', { class: 'card flush', id: 'campaign-devices' },
      h('h2', { class: 'card-title pad' }, `Campaign ${id}: devices (${page.total})`),
      h('table', { class: 'list' }, h('thead', {}, h('tr', {}, ['Device', 'State', 'Task', 'Fault', 'Started', 'Finished']
        .map((x) => h('th', {}, x)))),
      h('tbody', {}, page.devices.map((d) => h('tr', {},
        h('td', {}, h('a', { href: `#/device/${enc(d.device)}` }, d.device)), h('td', {}, d.state, d.detail ? ` (${d.detail})` : ''),
        h('td', {}, d.task || ''), h('td', {}, d.fault ? `${d.fault.code || ''} ${d.fault.string || ''}` : ''),
        h('td', {}, time(d.started)), h('td', {}, time(d.finished))))))));
  }

  await load();
  // campaign events refresh the list, at most every two seconds
  let pending = null;
  const stop = subscribe({ types: ['campaign'] }, () => {
    if (!pending) pending = setTimeout(() => { pending = null; load(); }, 2000);
  });
  return () => { stop(); if (pending) clearTimeout(pending); };
}

/** A bar: succeeded green, failed red, in progress blue, over all targeted devices. */
function progress(n) {
  // widths through the CSSOM: the UI's Content-Security-Policy refuses style attributes
  const part = (kind, x) => {
    const span = h('span', { class: kind });
    span.style.width = `${n.targeted ? (100 * x) / n.targeted : 0}%`;
    return span;
  };
  return h('div', { class: 'progress', title: `${n.succeeded + n.failed} of ${n.targeted} finished` },
    part('ok', n.succeeded), part('bad', n.failed), part('run', n.inProgress));
}

async function createForm(reload) {
  let files = [];
  try {
    files = (await get('/files')).filter((f) => f.fileType === '1 Firmware Upgrade Image');
  } catch { /* no file server: the form says so below */ }
  const name = h('input', { id: 'campaign-name', placeholder: 'e.g. gateway 2.0 rollout' });
  const query = h('input', { id: 'campaign-query', value: '{}', class: 'mono', placeholder: '{"_deviceId._ProductClass": "HomeGateway"}' });
  const file = h('select', { id: 'campaign-file' }, files.length === 0 ? h('option', { value: '' }, 'no firmware file yet')
    : files.map((f) => h('option', { value: f.name }, `${f.name}${f.version ? ` (${f.version})` : ''}`)));
  const batch = h('input', { id: 'campaign-batch', type: 'number', min: 1, value: 10 });
  const concurrent = h('input', { id: 'campaign-concurrent', type: 'number', min: 1, value: 50 });
  const threshold = h('input', { id: 'campaign-threshold', type: 'number', min: 0, max: 100, step: '0.1', value: 5 });
  const cr = h('input', { id: 'campaign-cr', type: 'checkbox', checked: true });
  const error = h('p', { class: 'error-text', id: 'campaign-error' });
  const button = h('button', { class: 'primary', id: 'campaign-start', onclick: async () => {
    error.textContent = '';
    let q;
    try { q = JSON.parse(query.value || '{}'); } catch (e) { error.textContent = `The query is not JSON: ${e.message}`; return; }
    button.disabled = true;
    try {
      const c = await post('/campaigns', { name: name.value.trim(), query: q, file: file.value,
        batchSize: Number(batch.value), maxConcurrent: Number(concurrent.value),
        failureThreshold: Number(threshold.value) / 100, connectionRequest: cr.checked });
      toast(`${c.name} started: ${c.counts.targeted} devices`, 'ok');
      name.value = '';
      reload();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  } }, 'Start campaign');
  return h('section', { class: 'card', id: 'campaign-create' }, h('h2', {}, 'New campaign'),
    h('div', { class: 'form-grid' }, h('label', {}, 'Name'), name, h('label', {}, 'Device query'), query,
      h('label', {}, 'Firmware file'), file, h('label', {}, 'Batch size'), batch, h('label', {}, 'Max. concurrent'), concurrent,
      h('label', {}, 'Failure threshold (%)'), threshold, h('label', {}, 'Connection request'), cr),
    error, h('div', { class: 'row-buttons' }, button));
}
