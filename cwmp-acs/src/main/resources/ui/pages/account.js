import { h, clear, ago, time, toast } from '../dom.js';
import { get, post, put, del, enc } from '../api.js';

export async function render(main, params, session) {
  const me = session.user;
  const admin = me.role === 'admin';
  const tokens = h('table', { class: 'list compact', id: 'token-table' });
  const secretBox = h('div', {});
  const users = h('table', { class: 'list compact' });
  const audit = h('table', { class: 'list compact' });
  const label = h('input', { placeholder: 'label, e.g. backup-script', id: 'token-label' });
  const role = h('select', { id: 'token-role' }, h('option', { value: '' }, `my role (${me.role})`),
    ['read-only', 'operator', 'admin'].filter((r) => rank(r) <= rank(me.role)).map((r) => h('option', { value: r }, r)));
  main.append(h('h1', {}, 'Account'),
    h('div', { class: 'grid2' },
      h('section', { class: 'card' }, h('h2', {}, 'API tokens'),
        h('p', { class: 'muted small' }, 'For scripts: curl -H "Authorization: Bearer TOKEN" …'),
        h('form', { class: 'inline', onsubmit: async (e) => {
          e.preventDefault();
          const t = await post('/tokens', { label: label.value || 'token', role: role.value || null });
          clear(secretBox, h('div', { class: 'secret' }, h('div', { class: 'small' }, 'Copy it now; it is not shown again:'), h('code', { id: 'token-secret' }, t.token)));
          loadTokens();
        } }, label, role, h('button', { type: 'submit', class: 'primary small' }, 'Create')),
        secretBox, tokens),
      h('section', { class: 'card' }, h('h2', {}, 'Password'), passwordForm())),
    admin ? h('section', { class: 'card' }, h('h2', {}, 'Users'), userForm(), users) : null,
    admin ? h('section', { class: 'card' }, h('h2', {}, 'Audit log ', h('span', { class: 'muted' }, '(every change made through the NBI)')), audit) : null);

  async function loadTokens() {
    const list = await get(admin ? '/tokens?all' : '/tokens');
    clear(tokens, h('thead', {}, h('tr', {}, ['Label', 'User', 'Role', 'Created', 'Last used', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.map((t) => h('tr', {}, h('td', {}, t.label), h('td', {}, t.username), h('td', {}, t.role || 'user\'s'),
        h('td', { title: time(t.created) }, ago(t.created)), h('td', {}, t.lastUsed ? ago(t.lastUsed) : 'never'),
        h('td', {}, h('button', { class: 'small', onclick: async () => { await del(`/tokens/${t.id}`); loadTokens(); } }, 'Revoke'))))));
  }

  function passwordForm() {
    const cur = h('input', { type: 'password', autocomplete: 'current-password', placeholder: 'current password' });
    const next = h('input', { type: 'password', autocomplete: 'new-password', placeholder: 'new password (8 characters or more)' });
    return h('form', { class: 'stack', onsubmit: async (e) => {
      e.preventDefault();
      try { await put('/auth/password', { current: cur.value, password: next.value }); toast('Password changed', 'ok'); cur.value = next.value = ''; } catch (err) { toast(err.message, 'error'); }
    } }, cur, next, h('button', { type: 'submit', class: 'small' }, 'Change password'));
  }

  function userForm() {
    const name = h('input', { placeholder: 'username' });
    const pw = h('input', { type: 'password', placeholder: 'password', autocomplete: 'new-password' });
    const r = h('select', {}, ['read-only', 'operator', 'admin'].map((x) => h('option', { value: x }, x)));
    return h('form', { class: 'inline', onsubmit: async (e) => {
      e.preventDefault();
      try { await put(`/users/${enc(name.value)}`, { role: r.value, password: pw.value }); name.value = pw.value = ''; loadUsers(); } catch (err) { toast(err.message, 'error'); }
    } }, name, pw, r, h('button', { type: 'submit', class: 'primary small' }, 'Add user'));
  }

  async function loadUsers() {
    const list = await get('/users');
    clear(users, h('thead', {}, h('tr', {}, ['User', 'Role', 'Created', ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.map((u) => h('tr', {}, h('td', {}, h('b', {}, u.username)),
        h('td', {}, h('select', { onchange: async (e) => {
          try { await put(`/users/${enc(u.username)}`, { role: e.target.value }); toast(`${u.username} is ${e.target.value}`, 'ok'); } catch (err) { toast(err.message, 'error'); loadUsers(); }
        } }, ['read-only', 'operator', 'admin'].map((x) => h('option', { value: x, selected: x === u.role }, x)))),
        h('td', {}, time(u.created)),
        h('td', {}, u.username === me.username ? '' : h('button', { class: 'small danger', onclick: async () => {
          if (!confirm(`Delete user ${u.username}?`)) return;
          try { await del(`/users/${enc(u.username)}`); loadUsers(); } catch (err) { toast(err.message, 'error'); }
        } }, 'Delete'))))));
  }

  async function loadAudit() {
    const list = await get('/audit?limit=50');
    clear(audit, h('thead', {}, h('tr', {}, ['When', 'Who', 'What', 'Status'].map((x) => h('th', {}, x)))),
      h('tbody', {}, list.map((a) => h('tr', {}, h('td', { title: time(a.at) }, ago(a.at)), h('td', {}, a.username || '—'),
        h('td', { class: 'mono small' }, `${a.method} ${a.path}`), h('td', {}, h('span', { class: `badge ${a.status < 400 ? 'st-done' : 'st-failed'}` }, a.status))))));
  }

  await loadTokens();
  if (admin) await Promise.all([loadUsers(), loadAudit()]);
}

function rank(r) { return ['read-only', 'operator', 'admin'].indexOf(r); }
