import { h, clear, ago, time, statusDot } from '../dom.js';
import { get, enc } from '../api.js';

const PAGE = 50;
const COLUMNS = [['', null], ['Device', 'id'], ['Product class', 'productClass'], ['Serial number', 'serialNumber'],
  ['Software', 'softwareVersion'], ['Last inform', 'lastContact'], ['Tags', null]];

export async function render(main, params) {
  const text = params.q || params.query || '';
  const offset = Number(params.offset || 0);
  const sort = params.sort || 'id';
  const input = h('input', { id: 'device-search', type: 'search', value: text, class: 'grow',
    placeholder: 'serial, id, product class or tag — or a query like {"_tags": "lab"}' });
  const form = h('form', { class: 'searchbar', onsubmit: (e) => { e.preventDefault(); go({ search: input.value.trim(), offset: 0, sort }); } },
    input, h('button', { type: 'submit', class: 'primary' }, 'Search'));
  const table = h('table', { class: 'list', id: 'device-table' });
  const pager = h('div', { class: 'pager' });
  main.append(h('h1', {}, 'Devices'), form, h('div', { class: 'card flush' }, table), pager);

  const q = new URLSearchParams({ offset, limit: PAGE, sort });
  if (text.trim().startsWith('{')) q.set('query', text.trim()); else if (text) q.set('q', text);
  let page;
  try {
    page = await get(`/devices?${q}`);
  } catch (e) {
    clear(table, h('tr', {}, h('td', { class: 'error-text' }, e.message)));
    return;
  }
  const head = h('tr', {}, COLUMNS.map(([label, key]) => h('th', {},
    key ? h('a', { href: '#', onclick: (e) => { e.preventDefault(); go({ search: text, offset: 0, sort: sort === key ? `-${key}` : key }); } },
      label, sort === key ? ' ▲' : sort === `-${key}` ? ' ▼' : '') : label)));
  clear(table, h('thead', {}, head), h('tbody', {}, page.devices.length === 0
    ? h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'muted' }, 'No device matches.'))
    : page.devices.map((d) => h('tr', { dataset: { device: d.id } },
      h('td', {}, statusDot(d)),
      h('td', {}, h('a', { href: `#/device/${enc(d.id)}`, class: 'mono' }, d.id)),
      h('td', {}, d.productClass), h('td', { class: 'mono' }, d.serialNumber), h('td', {}, d.softwareVersion || ''),
      h('td', { title: time(d.lastContact) }, ago(d.lastContact)),
      h('td', {}, d.tags.map((t) => h('span', { class: 'chip' }, t)))))));
  const last = Math.min(offset + PAGE, page.total);
  clear(pager,
    h('button', { disabled: offset === 0, onclick: () => go({ search: text, offset: Math.max(0, offset - PAGE), sort }) }, '‹ Previous'),
    h('span', { class: 'muted' }, page.total === 0 ? '0 devices' : `${offset + 1}–${last} of ${page.total}`),
    h('button', { disabled: last >= page.total, onclick: () => go({ search: text, offset: offset + PAGE, sort }) }, 'Next ›'));
}

function go({ search, offset, sort }) {
  const q = new URLSearchParams();
  if (search) q.set('q', search);
  if (offset) q.set('offset', offset);
  if (sort && sort !== 'id') q.set('sort', sort);
  location.hash = `#/devices?${q}`;
}
