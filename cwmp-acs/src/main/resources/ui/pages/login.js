import { h } from '../dom.js';
import { post } from '../api.js';

export function render(main, params, session) {
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error-text', id: 'login-error' });
  const form = h('form', {
    class: 'card login', onsubmit: async (ev) => {
      ev.preventDefault();
      error.textContent = '';
      try {
        session.user = await post('/auth/login', { username: user.value, password: pass.value });
        location.hash = '#/';
      } catch (e) {
        error.textContent = e.message;
        pass.select();
      }
    },
  },
  h('div', { class: 'login-brand' }, h('img', { src: 'favicon.svg', alt: '', class: 'logo big' }), h('h1', {}, 'jcwmp ACS')),
  h('label', { for: 'username' }, 'Username'), user,
  h('label', { for: 'password' }, 'Password'), pass,
  h('button', { type: 'submit', class: 'primary', id: 'login-button' }, 'Log in'), error,
  h('p', { class: 'muted small' }, 'Scripts use API tokens instead: Authorization: Bearer …'));
  main.append(h('div', { class: 'center' }, form));
}
