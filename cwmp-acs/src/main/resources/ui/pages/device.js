import { h, clear, ago, time, clock, toast, statusDot } from '../dom.js';
import { get, post, del, enc, runTask } from '../api.js';
import { subscribe, describe } from '../live.js';

export async function render(main, { id }, session) {
  const canWrite = session.user.role !== 'read-only';
  const base = `/devices/${enc(id)}`;
  let device;
  try {
    device = await get(base);
  } catch (e) {
    main.append(h('div', { class: 'card error' }, e.status === 404 ? `No device ${id}.` : e.message));
    return;
  }

  const header = h('section', { class: 'card device-head' });
  const tree = h('ul', { class: 'tree', id: 'parameter-tree' });
  const timeline = h('ol', { class: 'timeline', id: 'device-events' });
  const tagsBox = h('div', { class: 'tags' });
  const faultsBox = h('div', {});
  const tasksBox = h('table', { class: 'list compact' });
  main.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/devices' }, 'Devices'), ' / ', h('span', { class: 'mono' }, id)),
    header,
    h('div', { class: 'grid-device' },
      h('section', { class: 'card' }, h('div', { class: 'card-title' }, h('h2', {}, 'Parameters'),
        h('span', { class: 'muted small' }, 'click an object to open it; ↻ reads it from the device')), tree),
      h('div', { class: 'side' },
        h('section', { class: 'card' }, h('h2', {}, 'Live events'), timeline),
        h('section', { class: 'card' }, h('h2', {}, 'Tags'), tagsBox),
        h('section', { class: 'card' }, h('h2', {}, 'Faults'), faultsBox),
        h('section', { class: 'card' }, h('h2', {}, 'Recent tasks'), tasksBox))));

  function renderHeader() {
    const action = (label, idAttr, f, confirmText) => h('button', {
      id: idAttr, disabled: !canWrite, onclick: async (e) => {
        if (confirmText && !confirm(confirmText)) return;
        const b = e.target;
        b.disabled = true;
        b.classList.add('busy');
        try { await f(); } catch (err) { toast(`${label}: ${err.message}`, 'error'); } finally { b.disabled = false; b.classList.remove('busy'); }
      },
    }, label);
    clear(header,
      h('div', { class: 'device-title' }, statusDot(device), h('h1', { class: 'mono' }, device.id)),
      h('dl', { class: 'facts' },
        fact('Manufacturer', device.manufacturer), fact('Product class', device.productClass),
        fact('Serial number', device.serialNumber), fact('Software', device.softwareVersion || '—'),
        fact('Last inform', h('span', { title: time(device.lastContact) }, ago(device.lastContact))),
        fact('Last boot', h('span', { title: time(device.lastBoot) }, ago(device.lastBoot))),
        fact('Registered', time(device.firstContact)),
        fact('Connection request URL', h('span', { class: 'mono small' }, device.connectionRequestUrl || '—'))),
      h('div', { class: 'actions' },
        action('Connection request', 'btn-cr', async () => {
          const o = await post(`${base}/connection-request`);
          toast(`Connection request ${o.delivered ? 'delivered' : 'failed'}: ${o.detail}`, o.delivered ? 'ok' : 'error');
        }),
        action('Refresh all', 'btn-refresh', () => refresh(rootPath || 'Device.')),
        action('Reboot', 'btn-reboot', () => task({ name: 'reboot', commandKey: 'ui' }, 'Reboot'), `Reboot ${device.id}?`),
        action('Factory reset', 'btn-factory-reset', () => task({ name: 'factoryReset' }, 'Factory reset'),
          `Factory reset ${device.id}? Its configuration will be lost.`),
        h('button', { id: 'btn-download', disabled: true, title: 'Downloads need the ACS file server, which comes with a later issue' }, 'Download…')));
  }

  async function task(body, label) {
    const t = await runTask(id, body);
    report(t, label);
    return t;
  }

  function report(t, label) {
    if (t.status === 'done') toast(`${label}: done`, 'ok');
    else if (t.status === 'failed') toast(`${label} failed: ${t.fault.code} ${t.fault.string}`, 'error');
    else toast(`${label}: queued (${t.connectionRequest ? t.connectionRequest.detail : 'the device has not connected yet'})`);
  }

  // The parameter tree, one level at a time.
  let rootPath = null;
  const levels = new Map(); // path -> {ul, open}
  const openPaths = new Set(); // objects the user opened: they stay open when their level is drawn again

  async function level(ul, path) {
    const t = await get(`${base}/tree?path=${enc(path)}`);
    clear(ul);
    for (const o of t.objects) ul.append(objectNode(o));
    for (const p of t.parameters) ul.append(paramNode(p));
    if (!t.objects.length && !t.parameters.length) ul.append(h('li', { class: 'muted small' }, 'nothing known yet — ↻ reads it'));
    return t;
  }

  function objectNode(o) {
    const name = o.path.slice(0, -1).split('.').pop();
    const children = h('ul', { class: 'hidden' });
    const toggle = h('button', { class: 'twisty', 'aria-label': `open ${o.path}` }, '▸');
    const li = h('li', { class: 'object', dataset: { path: o.path } },
      h('div', { class: 'row' }, toggle,
        h('a', { href: '#', class: 'obj-name', onclick: (e) => { e.preventDefault(); flip(); } }, name),
        h('span', { class: 'count' }, o.parameters || ''),
        canWrite ? h('button', { class: 'icon', title: `read ${o.path} from the device`, onclick: () => refresh(o.path) }, '↻') : null),
      children);
    const state = { ul: children, open: false };
    levels.set(o.path, state);
    async function flip() {
      state.open = !state.open;
      toggle.textContent = state.open ? '▾' : '▸';
      children.classList.toggle('hidden', !state.open);
      if (state.open) openPaths.add(o.path); else openPaths.delete(o.path);
      if (state.open) await level(children, o.path);
    }
    toggle.addEventListener('click', flip);
    if (openPaths.has(o.path)) {
      openPaths.delete(o.path);
      flip();
    }
    return li;
  }

  function paramNode(p) {
    const leaf = p.name.split('.').pop();
    const value = h('span', { class: 'value', dataset: { param: p.name } }, p.value ?? '');
    const editable = canWrite && p.writable !== false;
    const li = h('li', { class: 'param', dataset: { name: p.name } },
      h('div', { class: 'row' }, h('span', { class: 'leaf', title: p.name }, leaf), value,
        h('span', { class: 'type' }, (p.type || '').replace('xsd:', '')),
        p.writable === false ? h('span', { class: 'ro', title: 'read-only on the device' }, 'ro') : null,
        editable ? h('button', { class: 'icon edit', title: `edit ${p.name}`, onclick: () => edit(li, p, value) }, '✎') : null));
    return li;
  }

  function edit(li, p, valueSpan) {
    if (li.querySelector('form')) return;
    const isBool = (p.type || '').endsWith('boolean');
    const input = isBool
      ? h('select', { class: 'edit-input' }, ['true', 'false'].map((v) => h('option', { value: v, selected: ['true', '1'].includes(valueSpan.textContent) === (v === 'true') }, v)))
      : h('input', { class: 'edit-input', value: valueSpan.textContent });
    const form = h('form', {
      class: 'edit-form', onsubmit: async (e) => {
        e.preventDefault();
        save.disabled = true;
        save.textContent = 'Saving…';
        try {
          const t = await runTask(id, { name: 'setParameterValues', parameterValues: [[p.name, input.value, p.type || 'xsd:string']] });
          report(t, `Set ${p.name.split('.').pop()}`);
          if (t.status === 'done') { valueSpan.textContent = input.value; flash(valueSpan); form.remove(); }
        } catch (err) {
          toast(err.message, 'error');
        } finally {
          save.disabled = false;
          save.textContent = 'Save';
        }
      },
    }, input);
    const save = h('button', { type: 'submit', class: 'primary small' }, 'Save');
    form.append(save, h('button', { type: 'button', class: 'small', onclick: () => form.remove() }, 'Cancel'));
    li.append(form);
    input.focus();
  }

  async function refresh(path) {
    await post(`${base}/tasks`, { name: 'getParameterNames', parameterPath: path, nextLevel: false });
    const t = await runTask(id, { name: 'getParameterValues', parameterNames: [path] }, 30000);
    report(t, `Read ${path}`);
    if (path === rootPath || !levels.get(path)) await level(tree, '');
    else if (levels.get(path).open) await level(levels.get(path).ul, path);
    else levels.get(path).ul.previousSibling.querySelector('.twisty').click();
  }

  function flash(el) {
    el.classList.remove('flash');
    void el.offsetWidth;
    el.classList.add('flash');
  }

  // Tags, faults, tasks.
  async function renderTags() {
    const tags = await get(`${base}/tags`);
    const input = h('input', { placeholder: 'new tag', class: 'small-input', id: 'tag-input' });
    clear(tagsBox, tags.map((t) => h('span', { class: 'chip' }, t,
      canWrite ? h('button', { class: 'chip-x', title: `remove ${t}`, onclick: async () => { await del(`${base}/tags/${enc(t)}`); renderTags(); } }, '×') : null)),
    canWrite ? h('form', { class: 'inline', onsubmit: async (e) => {
      e.preventDefault();
      if (!input.value.trim()) return;
      try { await post(`${base}/tags/${enc(input.value.trim())}`); renderTags(); } catch (err) { toast(err.message, 'error'); }
    } }, input, h('button', { type: 'submit', class: 'small' }, 'Add')) : null);
  }

  async function renderFaults() {
    const faults = await get(`${base}/faults`);
    clear(faultsBox, faults.length === 0 ? h('p', { class: 'muted small' }, 'No open fault.') : faults.map((f) => h('div', { class: 'fault' },
      h('div', {}, h('b', {}, f.channel), ' ', h('span', { class: 'badge fault' }, f.code ?? ''), ' ', f.message || ''),
      h('div', { class: 'muted small' }, `${ago(f.created)} · retries ${f.retries}`),
      canWrite ? h('div', { class: 'row-buttons' },
        h('button', { class: 'small', onclick: async () => { await post(`/faults/${f.id}/retry?connection_request`); renderFaults(); } }, 'Retry'),
        h('button', { class: 'small', onclick: async () => { await del(`/faults/${f.id}`); renderFaults(); } }, 'Clear')) : null)));
  }

  async function renderTasks() {
    const tasks = (await get(`${base}/tasks`)).slice(-8).reverse();
    clear(tasksBox, tasks.length === 0 ? h('tr', {}, h('td', { class: 'muted small' }, 'No task yet.'))
      : tasks.map((t) => h('tr', {}, h('td', {}, t.name), h('td', {}, h('span', { class: `badge st-${t.status}` }, t.status),
          t.subState ? h('span', { class: 'muted small' }, ` ${t.subState}`) : null),
        h('td', { class: 'muted small', title: time(t.updated) }, ago(t.updated)))));
  }

  function addEvent(e, prepend = true) {
    const li = h('li', { class: `ev ${e.type}` }, h('time', { title: time(e.at) }, clock(e.at)),
      h('span', { class: `badge ${e.type}` }, e.type), ' ', describe(e));
    if (prepend) timeline.prepend(li); else timeline.append(li);
    while (timeline.children.length > 60) timeline.lastChild.remove();
  }

  renderHeader();
  const root = await level(tree, '');
  rootPath = root.objects.length ? root.objects[0].path : null;
  if (root.objects.length === 1 && !openPaths.has(rootPath)) tree.querySelector('.object .twisty').click();
  await Promise.all([renderTags(), renderFaults(), renderTasks()]);

  // History: what this node still keeps live, then the stored Inform events before it.
  const recent = await get(`/events/recent?device=${enc(id)}&limit=40`);
  recent.reverse().forEach((e) => addEvent(e, false));
  // Stored Informs this node also streamed live are shown once (their times differ by milliseconds).
  const oldest = recent.length ? Date.parse(recent[recent.length - 1].at) - 2000 : Infinity;
  const byTime = new Map();
  for (const ev of device.events) {
    if (Date.parse(ev.received) >= oldest) continue;
    if (!byTime.has(ev.received)) byTime.set(ev.received, []);
    byTime.get(ev.received).push(ev.eventCode);
  }
  for (const [at, codes] of byTime) addEvent({ type: 'inform', at, data: { events: codes } }, false);

  const stop = subscribe({ device: id }, async (e) => {
    addEvent(e);
    if (e.type === 'values') {
      for (const [name, v] of Object.entries(e.data.parameters || {})) {
        const span = tree.querySelector(`[data-param="${CSS.escape(name)}"]`);
        if (span && span.textContent !== v) { span.textContent = v; flash(span); }
      }
    }
    if (e.type === 'task') renderTasks();
    if (e.type === 'fault') renderFaults();
    if (e.type === 'inform' || e.type === 'provisioning') {
      device = await get(base);
      renderHeader();
      if (e.type === 'provisioning') renderTags();
    }
  });
  return stop;
}

function fact(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}
