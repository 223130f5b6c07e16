// Audit log: every tool call and account event, newest first, with filters and "more" paging by cursor.

import { api } from '../api.js';
import {
  alertRegion, busy, clearProblem, field, formatMs, h, replaceChildren, showProblem, statusRegion, tableFrame,
} from '../dom.js';
import { session } from '../state.js';

const PAGE_SIZE = 50;
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function render(main, ctx) {
  const inputs = {
    action: h('input', { id: 'audit-tool', name: 'tool', type: 'text', maxlength: '200', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'e.g. list_listings' }),
    outcome: h('select', { id: 'audit-outcome', name: 'outcome' },
      h('option', { value: '' }, 'Any outcome'),
      h('option', { value: 'SUCCESS' }, 'Succeeded'),
      h('option', { value: 'ERROR' }, 'Failed'),
      h('option', { value: 'REFUSED' }, 'Refused')),
    kind: h('select', { id: 'audit-kind', name: 'kind' },
      h('option', { value: '' }, 'All entries'),
      h('option', { value: 'TOOL_CALL' }, 'Tool calls only'),
      h('option', { value: 'DOMAIN_EVENT' }, 'Account events only')),
    from: h('input', { id: 'audit-from', name: 'from', type: 'date' }),
    to: h('input', { id: 'audit-to', name: 'to', type: 'date' }),
  };
  const view = {
    ctx,
    inputs,
    keyHints: new Map(),
    query: {},
    cursor: null,
    error: alertRegion('audit-error'),
    status: statusRegion('audit-status'),
    results: h('div', { class: 'audit-results' }, h('p', { class: 'loading' }, 'Loading the audit log…')),
  };
  const apply = h('button', { type: 'submit', class: 'button', id: 'audit-apply' }, 'Apply filters');
  const reset = h('button', { type: 'reset', class: 'button button--secondary', id: 'audit-reset' }, 'Clear filters');
  const form = h('form', { class: 'form filters', 'aria-labelledby': 'audit-filters-title', novalidate: true },
    h('h2', { id: 'audit-filters-title', class: 'visually-hidden' }, 'Filters'),
    h('div', { class: 'filters__grid' },
      field('Tool or event', inputs.action),
      field('Outcome', inputs.outcome),
      field('Kind', inputs.kind),
      field('From (day)', inputs.from),
      field('To (day, inclusive)', inputs.to)),
    h('div', { class: 'actions' }, apply, reset));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    search(view, apply);
  });
  form.addEventListener('reset', () => {
    // the form clears its fields after this event
    setTimeout(() => search(view, apply), 0);
  });
  replaceChildren(main,
    h('h1', { tabindex: '-1' }, 'Audit log'),
    h('p', { class: 'lead' }, 'Every MCP tool call made with your keys and every change to your organization, newest first. '
      + 'Arguments are shown with secrets and guest details redacted.'),
    form,
    view.error,
    view.status,
    view.results);
  loadKeyHints(view).finally(() => search(view, apply));
}

async function loadKeyHints(view) {
  try {
    const keys = await api('/keys');
    for (const key of keys || []) {
      view.keyHints.set(key.id, key.name ? `${key.displayHint} (${key.name})` : key.displayHint);
    }
  } catch {
    // without the list, entries show a shortened key id
  }
}

/** A day of the date input, as the start of that day in the browser's time zone, in RFC 3339. */
function startOfDay(value, plusDays = 0) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays);
  return date.toISOString();
}

function readQuery(view) {
  const { inputs } = view;
  const query = {
    action: inputs.action.value.trim(),
    outcome: inputs.outcome.value,
    kind: inputs.kind.value,
    from: inputs.from.value ? startOfDay(inputs.from.value) : '',
    to: inputs.to.value ? startOfDay(inputs.to.value, 1) : '',
  };
  const invalid = [];
  if (inputs.from.value && !query.from) invalid.push({ field: 'from', message: 'enter a date' });
  if (inputs.to.value && !query.to) invalid.push({ field: 'to', message: 'enter a date' });
  if (query.from && query.to && query.from >= query.to) invalid.push({ field: 'to', message: 'must not be before the From day' });
  return { query, invalid };
}

async function search(view, button) {
  clearProblem(view.error, view.inputs);
  const { query, invalid } = readQuery(view);
  if (invalid.length) {
    showProblem(view.error, { message: 'Please check the filters.', fieldErrors: invalid }, view.inputs);
    return;
  }
  view.query = query;
  view.status.textContent = 'Searching…';
  try {
    const page = await busy(button, 'Searching…', () => api('/audit-log', { query: { ...query, limit: PAGE_SIZE } }));
    if (!view.ctx.isCurrent()) return;
    showFirstPage(view, page);
  } catch (error) {
    if (!view.ctx.isCurrent()) return;
    view.status.textContent = '';
    showProblem(view.error, error, { ...view.inputs, tool: view.inputs.action });
    view.results.replaceChildren();
  }
}

function filtered(query) {
  return Boolean(query.action || query.outcome || query.kind || query.from || query.to);
}

function showFirstPage(view, page) {
  const entries = page.entries || [];
  view.cursor = page.nextCursor || null;
  if (!entries.length) {
    view.status.textContent = 'No entries found.';
    replaceChildren(view.results, h('p', { class: 'empty' }, filtered(view.query)
      ? 'No entries match these filters. Widen the dates or clear the filters.'
      : 'Nothing recorded yet. Tool calls and changes to your organization appear here within seconds.'));
    return;
  }
  const body = h('tbody', null, entries.map((entry) => row(view, entry)));
  const table = h('table', { id: 'audit-table', class: 'table table--stack' },
    h('caption', { class: 'visually-hidden' }, 'Audit log entries, newest first'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Time'),
      h('th', { scope: 'col' }, 'Tool or event'),
      h('th', { scope: 'col' }, 'Outcome'),
      h('th', { scope: 'col' }, 'Key or actor'),
      h('th', { scope: 'col', class: 'num' }, 'Latency'),
      h('th', { scope: 'col' }, 'Details'))),
    body);
  const more = h('button', { type: 'button', class: 'button button--secondary', id: 'audit-more' }, 'Show more');
  more.addEventListener('click', () => loadMore(view, body, more));
  more.hidden = !view.cursor;
  view.status.textContent = `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} shown${view.cursor ? '; more are available' : ''}.`;
  replaceChildren(view.results, tableFrame(table, 'Audit log table'), h('div', { class: 'actions' }, more));
}

async function loadMore(view, body, more) {
  clearProblem(view.error);
  try {
    const page = await busy(more, 'Loading…',
      () => api('/audit-log', { query: { ...view.query, limit: PAGE_SIZE, cursor: view.cursor } }));
    if (!view.ctx.isCurrent()) return;
    const entries = page.entries || [];
    entries.forEach((entry) => body.append(row(view, entry)));
    view.cursor = page.nextCursor || null;
    const total = body.rows.length;
    view.status.textContent = `${entries.length} more loaded, ${total} shown${view.cursor ? '' : '; that is all'}.`;
    if (!view.cursor) {
      more.hidden = true;
    }
  } catch (error) {
    showProblem(view.error, error);
  }
}

function shortEvent(action) {
  // "com.hostmcp.tenant.ApiKeyCreated.v1" -> "tenant: ApiKeyCreated"
  const match = /^com\.hostmcp\.([a-z-]+)\.([A-Za-z]+)\.v\d+$/.exec(action || '');
  return match ? `${match[1]}: ${match[2]}` : action || '—';
}

function outcomeCell(entry) {
  if (!entry.outcome) {
    return h('td', { 'data-label': 'Outcome' }, h('span', { class: 'muted' }, 'Recorded'));
  }
  const names = { SUCCESS: ['ok', 'Succeeded'], ERROR: ['bad', 'Failed'], REFUSED: ['warn', 'Refused'] };
  const [tone, name] = names[entry.outcome] || ['off', entry.outcome];
  return h('td', { 'data-label': 'Outcome' }, h('span', { class: `badge badge--${tone}` }, name),
    entry.errorType ? h('span', { class: 'cell-note' }, entry.errorType) : null);
}

function keyCell(view, entry) {
  if (entry.keyId) {
    return h('td', { 'data-label': 'Key or actor' }, h('code', null, view.keyHints.get(entry.keyId) || `key ${entry.keyId.slice(0, 8)}…`));
  }
  const actor = entry.actor;
  if (actor && actor.type) {
    let who = actor.type === 'SYSTEM' ? 'HostMCP' : actor.id || actor.type.toLowerCase();
    if (actor.type === 'USER') {
      who = session.me && session.me.user && actor.id === session.me.user.subject ? 'you' : 'a member';
    }
    return h('td', { 'data-label': 'Key or actor' }, h('span', { class: 'muted' }, `by ${who}`));
  }
  return h('td', { 'data-label': 'Key or actor' }, '—');
}

function detailsCell(entry) {
  const facts = [
    ['Error', entry.errorMessage],
    ['Source', entry.source],
    ['Received', entry.receivedAt ? timeFormat.format(new Date(entry.receivedAt)) : null],
    ['MCP session', entry.mcpSessionId],
    ['Trace', entry.traceId],
    ['Entry', entry.id],
  ].filter(([, value]) => value);
  return h('td', { 'data-label': 'Details' }, h('details', { class: 'details' },
    h('summary', null, 'Show', h('span', { class: 'visually-hidden' }, ` details of ${entry.action || 'entry'}`)),
    h('dl', { class: 'facts facts--small' }, facts.map(([term, value]) => [h('dt', null, term), h('dd', null, String(value))])),
    entry.details ? h('pre', { class: 'snippet snippet--small', tabindex: '0' }, JSON.stringify(entry.details, null, 2)) : null));
}

function row(view, entry) {
  const when = entry.occurredAt ? new Date(entry.occurredAt) : null;
  const toolCall = entry.kind === 'TOOL_CALL';
  return h('tr', null,
    h('td', { 'data-label': 'Time' }, when ? h('time', { datetime: entry.occurredAt }, timeFormat.format(when)) : '—'),
    h('th', { scope: 'row', 'data-label': 'Tool or event' }, toolCall
      ? h('code', null, entry.action)
      : h('span', null, shortEvent(entry.action), h('span', { class: 'cell-note' }, 'account event'))),
    outcomeCell(entry),
    keyCell(view, entry),
    h('td', { class: 'num', 'data-label': 'Latency' }, formatMs(entry.latencyMs) || '—'),
    detailsCell(entry));
}
