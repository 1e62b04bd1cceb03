// The gateway console: the items table and the live event log, fed by Server-Sent Events.
// EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed.

const status = document.getElementById('status');
const tbody = document.querySelector('#items tbody');
const log = document.getElementById('log');
const items = new Map();

document.getElementById('clear').addEventListener('click', () => log.replaceChildren());

function readingsText(item) {
  return item.readings.map(r => `${r.name}: ${r.value}${r.unit}`).join(', ');
}

function renderItems() {
  const rows = [...items.values()].sort((a, b) => a.serial.localeCompare(b.serial)).map(item => {
    const tr = document.createElement('tr');
    tr.dataset.serial = item.serial;
    for (const text of [item.serial, item.vendor, item.type, item.driver, item.location,
                        item.enabled ? readingsText(item) : `${readingsText(item)} (disabled)`, item.updated]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  tbody.replaceChildren(...rows);
}

function describeItem(item) {
  const lines = [`serial: ${item.serial}`, `vendor: ${item.vendor}`, `type: ${item.type}`];
  for (const r of item.readings) {
    lines.push(`${r.name}: ${r.value}${r.unit}`);
  }
  return lines.join('\n');
}

function describe(event) {
  const d = event.data;
  switch (event.kind) {
    case 'New Configuration': return d.items.map(describeItem).join('\n\n') || '(no items)';
    case 'Item Updated': return describeItem(d);
    case 'Session Started': return `events: ${d.events.join(', ')}`;
    case 'Session Ended': return d.ok ? 'ok' : `failed: ${d.cause ?? ''}`;
    case 'Connection Request': return d.accepted ? 'accepted' : 'refused';
    default: return JSON.stringify(d);
  }
}

function show(event) {
  const li = document.createElement('li');
  li.dataset.kind = event.kind;
  li.dataset.id = event.id;
  const time = new Date(event.time).toLocaleTimeString();
  li.textContent = `${time}: ${event.kind}\n${describe(event)}`;
  log.prepend(li);
  if (event.kind === 'New Configuration') {
    items.clear();
    event.data.items.forEach(i => items.set(i.serial, i));
    renderItems();
  } else if (event.kind === 'Item Updated') {
    items.set(event.data.serial, event.data);
    renderItems();
  }
}

async function loadItems() {
  const response = await fetch('items', { cache: 'no-store' });
  if (response.ok) {
    (await response.json()).forEach(i => items.set(i.serial, i));
    renderItems();
  }
}

const where = new URL('events', location.href);
const source = new EventSource(where);
source.addEventListener('open', () => {
  status.textContent = `Connected to: ${where.host}`;
  status.className = 'connected';
});
source.addEventListener('error', () => {
  status.textContent = `Disconnected from: ${where.host} (reconnecting)`;
  status.className = 'disconnected';
});
source.addEventListener('message', message => show(JSON.parse(message.data)));

loadItems();
