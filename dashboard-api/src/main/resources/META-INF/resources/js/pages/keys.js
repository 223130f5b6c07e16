// API keys: list; owners and admins also create, revoke and regenerate (the full key is shown once).

import { api } from '../api.js';
import { createKeyForm, newKeyPanel } from '../components.js';
import {
  alertRegion, busy, clearProblem, confirmDialog, formatDateTime, h, replaceChildren, showProblem, statusRegion,
  tableFrame,
} from '../dom.js';
import { canManage, session } from '../state.js';

export function render(main, ctx) {
  const view = {
    ctx,
    reveal: h('div', { class: 'reveal' }),
    list: h('div', { class: 'key-list' }, h('p', { class: 'loading' }, 'Loading keys…')),
    status: statusRegion('keys-status'),
    error: alertRegion('keys-error'),
  };
  const manage = canManage();
  replaceChildren(main,
    h('h1', { tabindex: '-1' }, 'API keys'),
    h('p', { class: 'lead' }, 'MCP clients send an API key with every request. Each key acts on your organization’s '
      + 'Hostaway account; up to five keys can be active at a time.'),
    manage ? null : h('p', { class: 'note' }, 'You are a member of this organization: you can see its keys. '
      + 'Owners and admins create, revoke and regenerate them.'),
    manage ? h('section', { class: 'card', 'aria-labelledby': 'create-key-title' },
      h('h2', { id: 'create-key-title' }, 'Create a key'),
      createKeyForm({ onCreated: (created) => showCreated(view, created) }),
      view.reveal) : null,
    view.error,
    view.status,
    h('section', { 'aria-labelledby': 'keys-list-title' },
      h('h2', { id: 'keys-list-title' }, 'Your keys'),
      view.list));
  load(view);
}

function showCreated(view, created) {
  replaceChildren(view.reveal, newKeyPanel(created),
    h('p', null, 'Next: ', h('a', { href: '#/onboarding' }, 'copy the configuration for your MCP client'),
      ' (it includes this key until you reload the page).'));
  document.getElementById('new-key-title').focus();
  load(view);
}

async function load(view) {
  let keys;
  try {
    keys = await api('/keys');
  } catch (error) {
    if (!view.ctx.isCurrent()) return;
    showProblem(view.error, error);
    view.list.replaceChildren();
    return;
  }
  if (!view.ctx.isCurrent()) return;
  const active = keys.filter((key) => key.status === 'ACTIVE').length;
  if (session.me.onboarding) {
    session.me.onboarding.activeApiKeys = active;
  }
  if (!keys.length) {
    replaceChildren(view.list, h('p', { class: 'empty' }, canManage()
      ? 'No API keys yet. Create one above to connect your first MCP client.'
      : 'No API keys yet. An owner or admin of your organization can create one.'));
    return;
  }
  // active keys first, newest first within each group
  const sorted = [...keys].sort((a, b) => (a.status === b.status ? 0 : a.status === 'ACTIVE' ? -1 : 1)
    || String(b.createdAt).localeCompare(String(a.createdAt)));
  const manage = canManage();
  const table = h('table', { id: 'keys-table', class: 'table table--stack' },
    h('caption', { class: 'visually-hidden' }, `API keys: ${active} active of ${keys.length}`),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Name'),
      h('th', { scope: 'col' }, 'Key'),
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Created'),
      h('th', { scope: 'col' }, 'Last used'),
      manage ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')) : null)),
    h('tbody', null, sorted.map((key) => row(view, key, manage))));
  replaceChildren(view.list, tableFrame(table, 'API keys table'),
    h('p', { class: 'hint' }, `${active} of 5 active keys in use.`));
}

function label(key) {
  return key.name ? `${key.name} (${key.displayHint})` : key.displayHint;
}

function row(view, key, manage) {
  const activeKey = key.status === 'ACTIVE';
  return h('tr', { dataset: { keyId: key.id } },
    h('th', { scope: 'row', 'data-label': 'Name' }, key.name || h('span', { class: 'muted' }, 'Unnamed key')),
    h('td', { 'data-label': 'Key' }, h('code', null, key.displayHint)),
    h('td', { 'data-label': 'Status' }, activeKey
      ? h('span', { class: 'badge badge--ok' }, 'Active')
      : h('span', { class: 'badge badge--off' }, key.revokedAt ? `Revoked ${formatDateTime(key.revokedAt)}` : 'Revoked')),
    h('td', { 'data-label': 'Created' }, formatDateTime(key.createdAt)),
    h('td', { 'data-label': 'Last used' }, formatDateTime(key.lastUsedAt, 'Never')),
    manage ? h('td', { class: 'row-actions' }, activeKey ? [
      h('button', {
        type: 'button', class: 'button button--small button--secondary', 'aria-label': `Regenerate ${label(key)}`,
        onclick: (event) => regenerate(view, key, event.currentTarget),
      }, 'Regenerate'),
      h('button', {
        type: 'button', class: 'button button--small button--danger-outline', 'aria-label': `Revoke ${label(key)}`,
        onclick: (event) => revoke(view, key, event.currentTarget),
      }, 'Revoke'),
    ] : null) : null);
}

async function revoke(view, key, button) {
  const yes = await confirmDialog({
    title: `Revoke ${label(key)}?`,
    message: 'Every MCP client that uses this key stops working at once. This cannot be undone.',
    confirmLabel: 'Revoke key',
  });
  if (!yes) {
    button.focus();
    return;
  }
  clearProblem(view.error);
  try {
    await busy(button, 'Revoking…', () => api(`/keys/${encodeURIComponent(key.id)}`, { method: 'DELETE' }));
    view.status.textContent = `The key ${label(key)} is revoked.`;
    await load(view);
    view.ctx.refreshMe();
  } catch (error) {
    showProblem(view.error, error);
  }
}

async function regenerate(view, key, button) {
  const yes = await confirmDialog({
    title: `Regenerate ${label(key)}?`,
    message: 'The current key stops working at once and a new key with the same name replaces it. '
      + 'You will have to put the new key into every client that used the old one.',
    confirmLabel: 'Regenerate key',
  });
  if (!yes) {
    button.focus();
    return;
  }
  clearProblem(view.error);
  try {
    const created = await busy(button, 'Regenerating…',
      () => api(`/keys/${encodeURIComponent(key.id)}/regenerate`, { method: 'POST', body: {} }));
    session.newKey = created.key;
    view.status.textContent = `The key ${label(key)} is replaced by a new one, shown above the list.`;
    showCreated(view, created);
  } catch (error) {
    showProblem(view.error, error);
  }
}
