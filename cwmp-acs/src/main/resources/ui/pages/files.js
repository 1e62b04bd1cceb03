import { h, clear, toast } from '../dom.js';
import { get, del, enc, ApiError } from '../api.js';

const FILE_TYPES = ['1 Firmware Upgrade Image', '2 Web Content', '3 Vendor Configuration File', '4 Tone File', '5 Ringer File'];

/** Files the ACS serves to CPEs: list, upload with metadata, delete. */
export async function render(main, params, session) {
  const canWrite = session.user.role !== 'read-only';
  const list = h('table', { class: 'list', id: 'file-table' });
  const form = canWrite ? uploadForm(load) : null;
  main.append(h('div', { class: 'page-head' }, h('h1', {}, 'Files')),
    h('p', { class: 'muted' }, 'Firmware images and configuration files the ACS serves to CPEs from its file server. ',
      'A Download task names a file by its name; the device fetches it through a signed URL. ',
      'A CPE\u2019s RequestDownload gets the newest file of its type for its OUI and product class.'),
    form, h('div', { class: 'card flush' }, list));

  async function load() {
    let files;
    try {
      files = await get('/files');
    } catch (e) {
      clear(list, h('tbody', {}, h('tr', {}, h('td', { class: 'muted' }, e.message))));
      return;
    }
    clear(list, h('thead', {}, h('tr', {}, ['Name', 'Type', 'OUI', 'Product class', 'Version', 'Size', 'SHA-256', '']
      .map((x) => h('th', {}, x)))),
    h('tbody', {}, files.length === 0 ? h('tr', {}, h('td', { colspan: 8, class: 'muted' }, 'No file yet.'))
      : files.map((f) => h('tr', { dataset: { file: f.name } },
        h('td', {}, h('b', {}, f.name)), h('td', {}, f.fileType || ''), h('td', {}, f.oui || ''),
        h('td', {}, f.productClass || ''), h('td', {}, f.version || ''), h('td', {}, size(f.size)),
        h('td', { class: 'mono small', title: f.sha256 }, (f.sha256 || '').slice(0, 12)),
        h('td', {}, canWrite ? h('button', { class: 'small danger', onclick: async () => {
          if (!confirm(`Delete ${f.name}?`)) return;
          await del(`/files/${enc(f.name)}`);
          toast(`${f.name} deleted`, 'ok');
          load();
        } }, 'Delete') : null)))));
  }
  await load();
}

function uploadForm(reload) {
  const file = h('input', { type: 'file', id: 'file-input' });
  const name = h('input', { id: 'file-name', placeholder: 'name (default: the file\u2019s)' });
  const type = h('select', { id: 'file-type' }, FILE_TYPES.map((t) => h('option', { value: t }, t)));
  const oui = h('input', { id: 'file-oui', placeholder: 'OUI, e.g. 00D09E' });
  const productClass = h('input', { id: 'file-product-class', placeholder: 'product class' });
  const version = h('input', { id: 'file-version', placeholder: 'version, e.g. 2.0' });
  const error = h('p', { class: 'error-text' });
  const button = h('button', { class: 'primary', id: 'upload-file', onclick: async () => {
    error.textContent = '';
    const chosen = file.files[0];
    if (!chosen) { error.textContent = 'Choose a file first.'; return; }
    const target = (name.value.trim() || chosen.name);
    const query = new URLSearchParams({ fileType: type.value });
    for (const [k, input] of [['oui', oui], ['productClass', productClass], ['version', version]]) {
      if (input.value.trim()) query.set(k, input.value.trim());
    }
    button.disabled = true;
    try {
      // The file goes as the raw body, streamed by the ACS; metadata as query parameters.
      const r = await fetch(`/files/${enc(target)}?${query}`, { method: 'PUT', body: chosen, credentials: 'same-origin',
        headers: { 'X-Requested-With': 'jcwmp-ui', 'Content-Type': 'application/octet-stream' } });
      if (!r.ok) {
        const body = await r.json().catch(() => ({}));
        throw new ApiError(r.status, body.error || `HTTP ${r.status}`, body);
      }
      toast(`${target} stored`, 'ok');
      file.value = '';
      name.value = '';
      reload();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      button.disabled = false;
    }
  } }, 'Upload');
  return h('section', { class: 'card', id: 'file-upload' }, h('h2', {}, 'Upload a file'),
    h('div', { class: 'form-grid' }, h('label', {}, 'File'), file, h('label', {}, 'Name'), name, h('label', {}, 'File type'), type,
      h('label', {}, 'OUI'), oui, h('label', {}, 'Product class'), productClass, h('label', {}, 'Version'), version),
    error, h('div', { class: 'row-buttons' }, button));
}

function size(n) {
  if (n === undefined || n === null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
