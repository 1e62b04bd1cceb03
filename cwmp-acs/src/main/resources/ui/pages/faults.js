import { h, clear, ago, time, toast } from '../dom.js';
import { get, post, del, enc } from '../api.js';

export async function render(main, params, session) {
  const canWrite = session.user.role !== 'read-only';
  const table = h('table', { class: 'list', id: 'fault-table' });
  main.append(h('h1', {}, 'Faults'),
    h('p', { class: 'muted' }, 'A task that failed leaves an open fault. Retry queues it again (a preset\'s fault lets the preset run at the next session); clear closes it.'),
    h('div', { class: 'card flush' }, table));
  async function load() {
    const page = await get('/faults?limit=500');
    clear(table, h('thead', {}, h('tr', {}, ['Device', 'Channel', 'Code', 'Message', 'Retries', 'Since', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, page.faults.length === 0 ? h('tr', {}, h('td', { colspan: 7, class: 'muted' }, 'No open fault.'))
        : page.faults.map((f) => h('tr', {},
          h('td', {}, h('a', { href: `#/device/${enc(f.device)}`, class: 'mono' }, f.device)), h('td', {}, f.channel),
          h('td', {}, h('span', { class: 'badge fault' }, f.code ?? '')), h('td', {}, f.message || ''), h('td', {}, f.retries),
          h('td', { title: time(f.created) }, ago(f.created)),
          h('td', {}, canWrite ? h('div', { class: 'row-buttons' },
            h('button', { class: 'small', onclick: async () => { await post(`/faults/${f.id}/retry?connection_request`); toast('Retried', 'ok'); load(); } }, 'Retry'),
            h('button', { class: 'small', onclick: async () => { await del(`/faults/${f.id}`); load(); } }, 'Clear')) : null)))));
  }
  await load();
}
