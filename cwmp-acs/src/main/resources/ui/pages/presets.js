import { h, clear, toast } from '../dom.js';
import { get, put, del, enc } from '../api.js';

const TEMPLATE = {
  weight: 0,
  events: ['0 BOOTSTRAP'],
  precondition: { '_deviceId._ProductClass': 'HomeGateway' },
  parameters: { 'Device.ManagementServer.PeriodicInformInterval': 300 },
  tags: { add: ['provisioned'] },
};

export async function render(main, params, session) {
  const canWrite = session.user.role !== 'read-only';
  const list = h('table', { class: 'list', id: 'preset-table' });
  const editor = h('section', { class: 'card hidden', id: 'preset-editor' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, 'Presets'),
    canWrite ? h('button', { class: 'primary', id: 'new-preset', onclick: () => open('', TEMPLATE) }, 'New preset') : null),
  h('p', { class: 'muted' }, 'A preset declares the state a device should be in: when an Inform carries one of its events and the device ',
    'matches its precondition, the ACS sends the fewest RPCs that get it there (one SetParameterValues for all differing values), in the same session, ',
    'and nothing when the device is already there. Heavier presets win. A preset whose task failed on a device waits until its fault is retried or cleared. ',
    'A wanted "softwareVersion" is recorded, but its Download waits for the file server.'),
  editor, h('div', { class: 'card flush' }, list));

  async function load() {
    const presets = await get('/presets');
    clear(list, h('thead', {}, h('tr', {}, ['Name', 'Weight', 'Events', 'Precondition', 'Wants', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, presets.length === 0 ? h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'No preset yet.'))
        : presets.map((p) => h('tr', {},
          h('td', {}, h('b', {}, p.name)), h('td', {}, p.weight ?? 0), h('td', {}, (p.events || []).join(', ') || 'every session'),
          h('td', { class: 'mono small' }, p.precondition ? JSON.stringify(p.precondition) : 'every device'),
          h('td', { class: 'small' }, summary(p)),
          h('td', {}, h('button', { class: 'small', onclick: () => { const d = { ...p }; delete d.name; open(p.name, d); } }, canWrite ? 'Edit' : 'View'))))));
  }

  function open(name, definition) {
    editor.classList.remove('hidden');
    const nameInput = h('input', { id: 'preset-name', value: name, placeholder: 'name', disabled: !!name || !canWrite });
    const text = h('textarea', { id: 'preset-json', rows: 16, spellcheck: false, disabled: !canWrite }, JSON.stringify(definition, null, 2));
    const error = h('p', { class: 'error-text' });
    clear(editor, h('h2', {}, name ? `Preset ${name}` : 'New preset'), h('label', {}, 'Name'), nameInput,
      h('label', {}, 'Definition (JSON)'), text, error,
      h('div', { class: 'row-buttons' },
        canWrite ? h('button', { class: 'primary', id: 'save-preset', onclick: async () => {
          error.textContent = '';
          try {
            await put(`/presets/${enc(nameInput.value.trim())}`, JSON.parse(text.value));
            toast(`Preset ${nameInput.value} saved`, 'ok');
            editor.classList.add('hidden');
            load();
          } catch (e) { error.textContent = e.message; }
        } }, 'Save') : null,
        canWrite && name ? h('button', { class: 'danger', onclick: async () => {
          if (!confirm(`Delete preset ${name}?`)) return;
          await del(`/presets/${enc(name)}`);
          editor.classList.add('hidden');
          load();
        } }, 'Delete') : null,
        h('button', { onclick: () => editor.classList.add('hidden') }, 'Close')),
      h('details', { class: 'help' }, h('summary', {}, 'Fields'), h('pre', {}, HELP)));
  }
  await load();
}

function summary(p) {
  const parts = [];
  const n = Object.keys(p.parameters || {}).length;
  if (n) parts.push(`${n} value${n === 1 ? '' : 's'}`);
  if ((p.objects || []).length) parts.push(`${p.objects.length} object${p.objects.length === 1 ? '' : 's'}`);
  const tags = p.tags ? (Array.isArray(p.tags) ? p.tags : [...(p.tags.add || []).map((t) => `+${t}`), ...(p.tags.remove || []).map((t) => `-${t}`)]) : [];
  if (tags.length) parts.push(`tags ${tags.join(' ')}`);
  if (p.softwareVersion) parts.push(`software ${p.softwareVersion} (recorded)`);
  return parts.join(', ') || 'nothing';
}

const HELP = `weight          order: lighter first, heavier presets override their values
events          ["0 BOOTSTRAP", "1 BOOT", ...]: applies when the Inform carries one; absent: every session
precondition    a device query, e.g. {"_deviceId._ProductClass": "HomeGateway", "_tags": {"$ne": "lab"}}
parameters      {"Device.X.Y": value | [value, "xsd:type"]}
objects         [{"path": "Device.NAT.PortMapping.", "match": {"Description": "web"}, "values": {"Enable": true}}]
tags            ["t1"] or {"add": [...], "remove": [...]}
softwareVersion recorded; the Download waits for the file server`;
