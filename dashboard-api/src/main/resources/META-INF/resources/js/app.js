// Start-up, the hash router and the page frame (header, navigation, signed-out screen).

import { api, onUnauthorized } from './api.js';
import { h, replaceChildren } from './dom.js';
import { onboardingDone, roleName, session } from './state.js';
import * as audit from './pages/audit.js';
import * as billing from './pages/billing.js';
import * as keys from './pages/keys.js';
import * as onboarding from './pages/onboarding.js';
import * as signedOut from './pages/signed-out.js';
import * as usage from './pages/usage.js';

const routes = {
  onboarding: { title: 'Get started', page: onboarding },
  keys: { title: 'API keys', page: keys },
  usage: { title: 'Usage', page: usage },
  billing: { title: 'Billing', page: billing },
  audit: { title: 'Audit log', page: audit },
};

const main = document.getElementById('main');
const nav = document.getElementById('main-nav');
const orgName = document.getElementById('org-name');

let renderCount = 0;
let firstRender = true;
let isSignedOut = false;

function parseHash() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  return { name: path.split('/')[0], params: new URLSearchParams(query) };
}

function showFrame(signedIn) {
  nav.hidden = !signedIn;
  orgName.hidden = !signedIn;
  if (signedIn) {
    const { organization, user } = session.me;
    replaceChildren(orgName,
      h('span', { class: 'org__name' }, organization.name),
      h('span', { class: 'org__who' }, `${user.email || user.name || 'Signed in'} · ${roleName()}`));
  }
}

function markCurrent(name) {
  for (const link of nav.querySelectorAll('a[data-route]')) {
    if (link.dataset.route === name) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

/** Re-reads /api/me (after onboarding progress) and updates the header. */
async function refreshMe() {
  try {
    session.me = await api('/me');
    showFrame(true);
  } catch {
    // the page that asked shows its own errors; a 401 switches to the signed-out screen by itself
  }
}

function showSignedOut() {
  isSignedOut = true;
  session.me = null;
  session.newKey = null;
  renderCount += 1;
  showFrame(false);
  markCurrent(null);
  document.title = 'Sign in · HostMCP';
  signedOut.render(main);
}

function notFound(container) {
  replaceChildren(container,
    h('h1', { tabindex: '-1' }, 'Page not found'),
    h('p', null, 'There is no page at this address. ', h('a', { href: '#/' }, 'Go to your dashboard'), '.'));
}

async function route() {
  if (isSignedOut || !session.me) {
    return;
  }
  const { name, params } = parseHash();
  if (!name) {
    window.location.replace(onboardingDone() ? '#/usage' : '#/onboarding');
    return;
  }
  const entry = routes[name];
  const token = ++renderCount;
  markCurrent(entry ? name : null);
  document.title = `${entry ? entry.title : 'Page not found'} · HostMCP`;
  main.replaceChildren();
  const moveFocus = !firstRender;
  firstRender = false;
  if (!entry) {
    notFound(main);
  } else {
    entry.page.render(main, { params, isCurrent: () => token === renderCount, refreshMe });
  }
  // tell screen readers and keyboard users that the page changed: focus its heading
  const heading = main.querySelector('h1');
  if (moveFocus && heading) {
    heading.focus();
  }
}

async function start() {
  onUnauthorized(showSignedOut);
  document.getElementById('skip-link').addEventListener('click', (event) => {
    // the hash is the router's: move focus without changing it
    event.preventDefault();
    main.focus();
  });
  window.addEventListener('hashchange', route);
  try {
    session.me = await api('/me');
  } catch (error) {
    if (error.status !== 401) {
      replaceChildren(main,
        h('h1', null, 'The dashboard could not load'),
        h('div', { class: 'alert', role: 'alert' }, h('p', null, error.message)),
        h('p', null, h('button', { type: 'button', class: 'button', onclick: () => window.location.reload() }, 'Try again')));
    }
    return;
  }
  showFrame(true);
  route();
}

start();
