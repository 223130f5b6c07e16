// Get started: 1. connect Hostaway, 2. create the first key (shown once), 3. copy the MCP client configuration.

import { api } from '../api.js';
import { clientConfigs, createKeyForm, newKeyPanel } from '../components.js';
import {
  alertRegion, busy, clearProblem, confirmDialog, field, formatDateTime, h, replaceChildren, showProblem, statusRegion,
} from '../dom.js';
import { canManage, session } from '../state.js';

const STEPS = ['Connect Hostaway', 'Create an API key', 'Configure your MCP client'];

export function render(main, ctx) {
  const view = {
    ctx,
    connection: null,
    created: null,
    replacing: false,
    progress: h('ol', { class: 'steps', 'aria-label': 'Progress' }),
    step1: h('div', { class: 'step__body' }),
    step2: h('div', { class: 'step__body' }),
    step3: h('div', { class: 'step__body' }),
    connectStatus: statusRegion('connect-status'),
    connectError: alertRegion('connect-error'),
    pageError: alertRegion('onboarding-error'),
  };
  replaceChildren(main,
    h('h1', { tabindex: '-1' }, 'Get started'),
    h('p', { class: 'lead' }, 'Three steps connect your AI assistant to your Hostaway account through HostMCP.'),
    view.progress,
    view.pageError,
    step(1, view.step1, view.connectStatus, view.connectError),
    step(2, view.step2),
    step(3, view.step3));
  load(view);
}

function step(number, body, ...extra) {
  return h('section', { class: 'step card', 'aria-labelledby': `step-${number}-title` },
    h('h2', { id: `step-${number}-title`, tabindex: '-1' },
      h('span', { class: 'step__number' }, `Step ${number}`), ' ', STEPS[number - 1]),
    body, ...extra);
}

async function load(view) {
  replaceChildren(view.step1, h('p', { class: 'loading' }, 'Checking your Hostaway connection…'));
  try {
    view.connection = await api('/hostaway-connection');
  } catch (error) {
    if (!view.ctx.isCurrent()) return;
    showProblem(view.pageError, error);
    view.step1.replaceChildren();
    return;
  }
  if (!view.ctx.isCurrent()) return;
  update(view);
}

function connected(view) {
  return Boolean(view.connection && view.connection.status === 'CONNECTED');
}

function hasKey() {
  return Boolean(session.newKey) || Boolean(session.me.onboarding && session.me.onboarding.activeApiKeys > 0);
}

function update(view) {
  const current = !connected(view) ? 1 : !hasKey() ? 2 : 3;
  replaceChildren(view.progress, STEPS.map((label, index) => {
    const number = index + 1;
    const state = number < current ? 'done' : number === current ? 'current' : 'todo';
    return h('li', { class: `steps__item steps__item--${state}`, 'aria-current': number === current ? 'step' : null },
      h('span', { class: 'visually-hidden' }, state === 'done' ? 'Done: ' : state === 'current' ? 'Current: ' : 'Next: '),
      label);
  }));
  renderStep1(view);
  renderStep2(view);
  renderStep3(view);
}

// ---- step 1 ----

function renderStep1(view) {
  const c = view.connection;
  const parts = [];
  if (c.status === 'CONNECTED') {
    parts.push(h('p', { class: 'state state--ok' },
      `Connected to Hostaway account ${c.accountId}`, c.connectedAt ? ` since ${formatDateTime(c.connectedAt)}` : '', '.'));
  } else if (c.status === 'INVALID') {
    parts.push(h('div', { class: 'state state--bad' },
      h('p', null, h('strong', null, 'Hostaway no longer accepts the stored credentials'),
        ` of account ${c.accountId}`, c.invalidSince ? ` (since ${formatDateTime(c.invalidSince)})` : '', '.'),
      c.invalidReason ? h('p', null, `Reason: ${c.invalidReason}`) : null,
      h('p', null, 'Tool calls that need Hostaway are refused until an owner or admin enters a new API secret.')));
  } else {
    parts.push(h('p', null, 'HostMCP needs your Hostaway account ID and an API secret to act on your account. '
      + 'You find both in Hostaway under Settings → Hostaway API, where you can create a secret just for HostMCP. '
      + 'The secret is encrypted and never shown again, not even to you.'));
  }
  if (!canManage()) {
    if (c.status !== 'CONNECTED') {
      parts.push(h('p', { class: 'note' }, 'Only an owner or admin of your organization can connect Hostaway. Ask one of them to do it.'));
    }
    replaceChildren(view.step1, parts);
    return;
  }
  if (c.status === 'CONNECTED' && !view.replacing) {
    parts.push(connectedActions(view));
  } else {
    parts.push(connectForm(view));
  }
  replaceChildren(view.step1, parts);
}

function connectedActions(view) {
  const test = h('button', { type: 'button', class: 'button button--secondary', id: 'test-hostaway' }, 'Test connection');
  const replace = h('button', { type: 'button', class: 'button button--secondary', id: 'replace-hostaway' }, 'Replace credentials');
  const disconnect = h('button', { type: 'button', class: 'button button--danger-outline', id: 'disconnect-hostaway' }, 'Disconnect');
  test.addEventListener('click', async () => {
    clearProblem(view.connectError);
    view.connectStatus.textContent = 'Asking Hostaway…';
    try {
      view.connection = await busy(test, 'Testing…', () => api('/hostaway-connection/test', { method: 'POST', body: {} }));
      view.connectStatus.textContent = view.connection.status === 'CONNECTED'
        ? 'Hostaway accepted the stored credentials.'
        : 'Hostaway rejected the stored credentials. Enter a new API secret.';
      update(view);
    } catch (error) {
      view.connectStatus.textContent = '';
      showProblem(view.connectError, error);
    }
  });
  replace.addEventListener('click', () => {
    view.replacing = true;
    view.connectStatus.textContent = '';
    renderStep1(view);
    document.getElementById('hostaway-account-id').focus();
  });
  disconnect.addEventListener('click', async () => {
    const yes = await confirmDialog({
      title: 'Disconnect Hostaway?',
      message: 'HostMCP forgets the stored API secret. Your keys stay, but every tool call is refused until Hostaway is connected again.',
      confirmLabel: 'Disconnect',
    });
    if (!yes) return;
    clearProblem(view.connectError);
    try {
      await busy(disconnect, 'Disconnecting…', () => api('/hostaway-connection', { method: 'DELETE' }));
      view.connection = { status: 'NOT_CONNECTED' };
      session.me.onboarding.hostawayConnected = false;
      view.connectStatus.textContent = 'Hostaway is disconnected.';
      update(view);
      view.ctx.refreshMe();
    } catch (error) {
      showProblem(view.connectError, error);
    }
  });
  return h('div', { class: 'actions' }, test, replace, disconnect);
}

function connectForm(view) {
  const c = view.connection;
  const accountId = h('input', {
    id: 'hostaway-account-id', name: 'accountId', type: 'text', inputmode: 'numeric', autocomplete: 'off',
    required: true, maxlength: '20', spellcheck: 'false',
  });
  if (c.accountId) {
    accountId.value = c.accountId;
  }
  const secret = h('input', {
    id: 'hostaway-secret', name: 'secretKey', type: 'password', autocomplete: 'off', required: true,
    maxlength: '200', spellcheck: 'false',
  });
  const submit = h('button', { type: 'submit', id: 'connect-hostaway', class: 'button' },
    c.status === 'NOT_CONNECTED' ? 'Connect Hostaway' : 'Save new credentials');
  const fields = { accountId, secretKey: secret };
  const form = h('form', { class: 'form', novalidate: true },
    field('Hostaway account ID', accountId, 'The number shown in Hostaway next to your account, digits only.'),
    field('API secret', secret, 'HostMCP checks it with Hostaway before saving it.'),
    h('div', { class: 'actions' }, submit,
      view.replacing ? h('button', {
        type: 'button', class: 'button button--secondary',
        onclick: () => {
          view.replacing = false;
          clearProblem(view.connectError, fields);
          renderStep1(view);
        },
      }, 'Keep current credentials') : null));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(view.connectError, fields);
    const body = { accountId: accountId.value.trim(), secretKey: secret.value };
    const invalid = [];
    if (!/^[0-9]{1,20}$/.test(body.accountId)) {
      invalid.push({ field: 'accountId', message: 'enter the numeric account ID (up to 20 digits)' });
    }
    if (!body.secretKey.trim()) {
      invalid.push({ field: 'secretKey', message: 'enter the API secret' });
    } else if (body.secretKey.length > 200) {
      invalid.push({ field: 'secretKey', message: 'use at most 200 characters' });
    }
    if (invalid.length) {
      showProblem(view.connectError, { message: 'Please check these fields.', fieldErrors: invalid }, fields);
      fields[invalid[0].field].focus();
      return;
    }
    view.connectStatus.textContent = 'Checking the credentials with Hostaway…';
    try {
      view.connection = await busy(submit, 'Connecting…', () => api('/hostaway-connection', { method: 'PUT', body }));
      secret.value = '';
      view.replacing = false;
      session.me.onboarding.hostawayConnected = view.connection.status === 'CONNECTED';
      view.connectStatus.textContent = `Connected to Hostaway account ${view.connection.accountId}.`;
      update(view);
      view.ctx.refreshMe();
      if (!hasKey()) {
        document.getElementById('step-2-title').focus();
      }
    } catch (error) {
      view.connectStatus.textContent = '';
      secret.value = '';
      showProblem(view.connectError, error, fields);
      const first = error.fieldErrors && error.fieldErrors.length ? fields[error.fieldErrors[0].field] : null;
      (first || secret).focus();
    }
  });
  return form;
}

// ---- step 2 ----

function renderStep2(view) {
  if (view.created) {
    replaceChildren(view.step2, newKeyPanel(view.created),
      h('p', null, 'You can revoke and regenerate keys under ', h('a', { href: '#/keys' }, 'API keys'), '.'));
    return;
  }
  if (!connected(view)) {
    replaceChildren(view.step2, h('p', { class: 'muted' }, 'Connect Hostaway first: an API key acts on the connected account.'));
    return;
  }
  const active = session.me.onboarding ? session.me.onboarding.activeApiKeys : 0;
  if (!canManage()) {
    replaceChildren(view.step2, h('p', null, active > 0
      ? `Your organization has ${active} active API key${active === 1 ? '' : 's'}. Ask an owner or admin for one to use in your MCP client.`
      : 'Only an owner or admin of your organization can create API keys. Ask one of them for a key.'));
    return;
  }
  const intro = active > 0
    ? h('p', null, `Your organization already has ${active} active key${active === 1 ? '' : 's'}. `
      + 'Create another one for a new client, or go on to step 3 if you still have your key.')
    : h('p', null, 'An API key lets an MCP client use HostMCP on behalf of your organization. '
      + 'Give each client or device its own key, so you can revoke one without touching the others.');
  replaceChildren(view.step2, intro, createKeyForm({
    submitLabel: 'Create API key',
    onCreated: (created) => {
      view.created = created;
      session.me.onboarding.activeApiKeys = active + 1;
      update(view);
      view.ctx.refreshMe();
      document.getElementById('new-key-title').focus();
    },
  }));
}

// ---- step 3 ----

function renderStep3(view) {
  if (!hasKey()) {
    replaceChildren(view.step3, h('p', { class: 'muted' }, 'Create an API key first: the configuration needs it.'));
    return;
  }
  const finish = h('button', { type: 'button', class: 'button', id: 'finish-onboarding' }, 'Finish and see usage');
  finish.addEventListener('click', () => {
    window.location.hash = '#/usage';
  });
  const hint = connected(view) ? null : h('p', { class: 'note' },
    'Hostaway is not connected right now, so tool calls will be refused until it is.');
  replaceChildren(view.step3,
    h('p', null, 'Add HostMCP to your MCP client with one of these snippets, then ask your assistant something like ',
      h('q', null, 'List my Hostaway listings'), '.'),
    hint,
    clientConfigs(),
    h('div', { class: 'actions actions--end' }, finish));
}
