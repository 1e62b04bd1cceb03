// The web UI: a hash router over a few pages, all talking to the NBI on the same origin.
import { h, clear } from './dom.js';
import { get, post, whenUnauthorized } from './api.js';
import * as login from './pages/login.js';
import * as dashboard from './pages/dashboard.js';
import * as devices from './pages/devices.js';
import * as device from './pages/device.js';
import * as presets from './pages/presets.js';
import * as faults from './pages/faults.js';
import * as account from './pages/account.js';
import * as campaigns from './pages/campaigns.js';
import * as files from './pages/files.js';

const NAV = [
  ['#/', 'Dashboard'], ['#/devices', 'Devices'], ['#/faults', 'Faults'], ['#/presets', 'Presets'],
  ['#/files', 'Files'], ['#/campaigns', 'Campaigns'], ['#/account', 'Account'],
];

export const session = { user: null };
let stopPage = null;

function route() {
  const hash = location.hash || '#/';
  const [path, query] = hash.slice(1).split('?');
  const params = new URLSearchParams(query || '');
  if (path.startsWith('/device/')) return [device, { id: decodeURIComponent(path.slice('/device/'.length)) }];
  const pages = {
    '/': dashboard, '/devices': devices, '/presets': presets, '/faults': faults, '/account': account,
    '/files': files, '/campaigns': campaigns, '/login': login,
  };
  return [pages[path] || dashboard, Object.fromEntries(params), path];
}

async function render() {
  if (stopPage) { stopPage(); stopPage = null; }
  const main = document.getElementById('main');
  const [page, params, path] = route();
  if (!session.user && page !== login) {
    try {
      session.user = await get('/auth/me');
    } catch {
      location.hash = '#/login';
      return;
    }
  }
  chrome(page !== login);
  clear(main);
  try {
    stopPage = (await page.render(main, { ...params, path }, session)) || null;
  } catch (e) {
    clear(main, h('div', { class: 'card error' }, `This page failed: ${e.message}`));
  }
}

function chrome(show) {
  document.getElementById('top').classList.toggle('hidden', !show);
  if (!show || !session.user) return;
  const current = (location.hash || '#/').split('?')[0];
  clear(document.getElementById('nav'), NAV.map(([href, label]) => h('a', {
    href, class: (current === href || (href !== '#/' && current.startsWith(href)) || (href === '#/devices' && current.startsWith('#/device/'))) ? 'active' : '',
  }, label)));
  clear(document.getElementById('who'), h('b', {}, session.user.username), ' ', h('span', { class: `role ${session.user.role}` }, session.user.role));
}

whenUnauthorized(() => {
  session.user = null;
  if (!location.hash.startsWith('#/login')) location.hash = '#/login';
});

document.getElementById('logout').addEventListener('click', async () => {
  try { await post('/auth/logout'); } catch { /* already out */ }
  session.user = null;
  location.hash = '#/login';
});

window.addEventListener('hashchange', render);
render();
