// Pieces shared by several pages: the one-time key display, the client configuration, the create-key form.

import { api } from './api.js';
import { alertRegion, busy, clearProblem, copyButton, field, h, showProblem, statusRegion } from './dom.js';
import * as snippets from './snippets.js';
import { canManage, gatewayUrl, session } from './state.js';

/** The full key of a create/regenerate answer, shown once, with a copy button and a warning. */
export function newKeyPanel(created) {
  const code = h('code', { id: 'new-api-key', class: 'secret' }, created.key);
  const status = statusRegion('copy-api-key-status');
  return h('section', { class: 'new-key', 'aria-labelledby': 'new-key-title' },
    h('h3', { id: 'new-key-title', tabindex: '-1' }, created.name ? `Your new API key “${created.name}”` : 'Your new API key'),
    h('p', { class: 'warning' },
      h('strong', null, 'Copy this key now: it is shown only once. '),
      'HostMCP keeps only a fingerprint of it, so nobody can show it to you again. '
        + 'If you lose it, regenerate the key and update your MCP clients.'),
    h('div', { class: 'copy-row' }, code,
      copyButton({ id: 'copy-api-key', label: 'Copy key', source: code, status, what: 'Key' })),
    status);
}

/**
 * The form that creates a key (#key-name, #create-key). `onCreated` gets the 201 body; the key is kept in memory only
 * (session.newKey) so that the client configuration can include it until the page is reloaded.
 */
export function createKeyForm({ onCreated, submitLabel = 'Create key' }) {
  const name = h('input', { id: 'key-name', name: 'name', type: 'text', maxlength: '100', autocomplete: 'off',
    placeholder: 'e.g. Claude Desktop on my laptop' });
  const submit = h('button', { type: 'submit', id: 'create-key', class: 'button' }, submitLabel);
  const problem = alertRegion('create-key-error');
  const fields = { name };
  const form = h('form', { class: 'form form--inline', novalidate: true },
    field('Key name (optional)', name, 'A name helps you tell your keys apart, for example by client or device.'),
    h('div', { class: 'actions' }, submit),
    problem);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(problem, fields);
    const value = name.value.trim();
    if (value.length > 100) {
      showProblem(problem, { message: 'The name is too long.', fieldErrors: [{ field: 'name', message: 'use at most 100 characters' }] }, fields);
      return;
    }
    try {
      const created = await busy(submit, 'Creating…', () => api('/keys', { method: 'POST', body: value ? { name: value } : {} }));
      session.newKey = created.key;
      name.value = '';
      onCreated(created);
    } catch (error) {
      showProblem(problem, error, fields);
    }
  });
  return form;
}

function snippet(id, title, intro, text, filename) {
  const pre = h('pre', { id, class: 'snippet', tabindex: '0', 'aria-label': `${title} configuration` }, text);
  const status = statusRegion(`${id}-status`);
  return h('section', { class: 'client', 'aria-labelledby': `${id}-title` },
    h('h3', { id: `${id}-title` }, title),
    intro,
    filename ? h('p', { class: 'filename' }, 'File: ', h('code', null, filename)) : null,
    pre,
    h('div', { class: 'actions' },
      copyButton({ id: `${id}-copy`, label: 'Copy configuration', source: pre, status, what: 'Configuration' })),
    status);
}

/** Copy-paste configuration for Claude Desktop, Cursor, Claude Code and any MCP client. */
export function clientConfigs() {
  const url = gatewayUrl();
  const key = session.newKey;
  return h('div', { class: 'clients' },
    key
      ? h('p', { class: 'note' }, 'These snippets contain your new key. Keep files that contain it private: do not commit or share them.')
      : h('p', { class: 'note' },
        'The full key is no longer in this page, so the snippets show ',
        h('code', null, snippets.KEY_PLACEHOLDER),
        canManage()
          ? ' in its place: replace it with your key, or create a new key above to fill it in.'
          : ' in its place: replace it with the key an owner or admin gave you.'),
    snippet('config-claude-desktop', 'Claude Desktop',
      h('p', null, 'In Claude Desktop open Settings → Developer → Edit Config, add this to ',
        h('code', null, 'claude_desktop_config.json'),
        ' and restart Claude Desktop. It needs Node.js: the ', h('code', null, 'mcp-remote'),
        ' bridge attaches the key to every request.'),
      snippets.claudeDesktop(url, key), 'claude_desktop_config.json'),
    snippet('config-cursor', 'Cursor',
      h('p', null, 'Save this as ', h('code', null, '.cursor/mcp.json'), ' in a project, or as ',
        h('code', null, '~/.cursor/mcp.json'), ' for all projects. Settings → MCP then shows HostMCP and its tools.'),
      snippets.cursor(url, key), '.cursor/mcp.json'),
    snippet('config-claude-code', 'Claude Code',
      h('p', null, 'Run this in a terminal; ', h('code', null, 'claude mcp list'), ' then shows the server.'),
      snippets.claudeCode(url, key), null),
    snippet('config-generic', 'Any other MCP client',
      h('p', null, 'Point the client at this address with the Streamable HTTP transport and send the key in a header on every request.'),
      snippets.generic(url, key), null));
}
