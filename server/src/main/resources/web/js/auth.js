// Logging in: Basic credentials or a bearer token, checked against the service, kept for this
// browser tab only (sessionStorage), and sent with every request the pages make.

import { BASE, h, messageOf, request, session } from './api.js';

function basic(user, password) {
  const bytes = new TextEncoder().encode(user + ':' + password);
  return 'Basic ' + btoa(String.fromCharCode(...bytes));
}

export function initAuth(onChange) {
  const dialog = document.getElementById('login-dialog');
  const formEl = document.getElementById('login-form');
  const error = document.getElementById('login-error');
  const who = document.getElementById('who');
  const paint = () => {
    if (session.header) {
      who.replaceChildren(h('span', { class: 'user', id: 'user-name' }, session.user), ' ',
        h('button', { type: 'button', id: 'logout', onclick: () => { session.clear(); paint(); onChange(); } }, 'Log out'));
    } else {
      who.replaceChildren(h('button', { type: 'button', id: 'login-open', onclick: () => { error.hidden = true; dialog.showModal(); } }, 'Log in'));
    }
  };
  document.getElementById('login-cancel').addEventListener('click', () => dialog.close());
  formEl.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = Object.fromEntries(new FormData(formEl).entries());
    const header = v.token ? 'Bearer ' + v.token.trim() : basic(v.user.trim(), v.password);
    const name = v.token ? 'token user' : v.user.trim();
    if (!v.token && !v.user.trim()) {
      error.textContent = 'Give your user name and password, or a token.';
      error.hidden = false;
      return;
    }
    try {
      // any endpoint checks credentials; availability is the cheapest
      await request(BASE + '/tap/availability', {}, header);
      session.set(header, name);
      formEl.reset();
      dialog.close();
      paint();
      onChange();
    } catch (x) {
      error.textContent = x.status === 401 ? 'Wrong user name, password or token.' : messageOf(x);
      error.hidden = false;
    }
  });
  paint();
}
