// Shown without a session (and after any 401): sign in, or create an account (both through the sign-in page).

import { h, replaceChildren } from '../dom.js';

export function render(main) {
  replaceChildren(main,
    h('section', { class: 'signed-out', 'aria-labelledby': 'signed-out-title' },
      h('h1', { id: 'signed-out-title', tabindex: '-1' }, 'Connect Hostaway to your AI assistant'),
      h('p', { class: 'lead' },
        'HostMCP lets Claude, Cursor and other MCP clients work with your Hostaway listings, reservations and guests, '
          + 'with a key you control and a full record of every call.'),
      h('p', null, 'You are not signed in, or your session has ended.'),
      h('div', { class: 'actions' },
        h('a', { id: 'sign-in', class: 'button', href: '/login' }, 'Sign in'),
        h('a', { id: 'create-account', class: 'button button--secondary', href: '/login' }, 'Create account')),
      h('p', { class: 'hint' }, 'New here? “Create account” opens the sign-in page: choose “Register” there. '
        + 'Your organization and its free trial are set up when you first sign in.')));
}
