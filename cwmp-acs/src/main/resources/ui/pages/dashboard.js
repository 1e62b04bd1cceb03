import { h, clear, clock } from '../dom.js';
import { get } from '../api.js';
import { informsChart } from '../chart.js';
import { subscribe, describe } from '../live.js';

export async function render(main) {
  const stats = h('div', { class: 'stats' });
  const chart = h('div', { class: 'chart-box' });
  const feed = h('ol', { class: 'timeline', id: 'dashboard-events' });
  main.append(h('h1', {}, 'Dashboard'), stats,
    h('div', { class: 'grid2' },
      h('section', { class: 'card' }, h('h2', {}, 'Informs per minute ', h('span', { class: 'muted' }, '(last hour)')), chart),
      h('section', { class: 'card' }, h('h2', {}, 'Live events'), feed)));

  async function refresh() {
    const s = await get('/stats');
    clear(stats,
      stat('Devices', s.devices, '#/devices'),
      stat('Online', s.online5m, '#/devices?query=' + encodeURIComponent('{"_lastInform":{"$gt":"-5m"}}'), 'informed in the last 5 minutes'),
      stat('Seen today', s.online24h, '#/devices?query=' + encodeURIComponent('{"_lastInform":{"$gt":"-24h"}}'), 'informed in the last 24 hours'),
      stat('Open faults', s.openFaults, '#/faults', null, s.openFaults > 0 ? 'warn' : ''),
      stat('Presets', s.presets, '#/presets'));
    clear(chart, informsChart(s.informsPerMinute));
  }
  await refresh();
  const timer = setInterval(refresh, 15000);
  for (const e of (await get('/events/recent?limit=40'))) addEvent(e);
  let pending = null;
  function addEvent(e) {
    feed.prepend(h('li', { class: `ev ${e.type}` }, h('time', {}, clock(e.at)), h('span', { class: `badge ${e.type}` }, e.type),
      h('a', { href: `#/device/${encodeURIComponent(e.device || '')}` }, e.device || ''), ' ', describe(e)));
    while (feed.children.length > 40) feed.lastChild.remove();
  }
  const stop = subscribe({}, (e) => {
    addEvent(e);
    if (e.type === 'inform' && !pending) pending = setTimeout(() => { pending = null; refresh(); }, 1500);
  });
  return () => { clearInterval(timer); stop(); };
}

function stat(label, value, href, title, kind = '') {
  return h('a', { class: `stat ${kind}`, href, title }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
}
