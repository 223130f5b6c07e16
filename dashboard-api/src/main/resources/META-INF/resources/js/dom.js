// Small DOM helpers: elements are always built with DOM APIs and text nodes, never from HTML strings.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

function applyAttributes(element, attributes) {
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
}

/** An HTML element: h('p', {class: 'x'}, 'text', child). Attributes `onclick` etc. add listeners. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

/** An SVG element, like h(). */
export function s(tag, attributes, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/** A labelled form field: label, input (or select), optional hint. */
export function field(label, control, hint) {
  const hintElement = hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintElement) {
    control.setAttribute('aria-describedby', hintElement.id);
  }
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintElement);
}

/**
 * An empty live region for errors (role=alert). It stays in the page while empty (styled away by :empty), so that
 * screen readers announce what is written into it later.
 */
export function alertRegion(id) {
  return h('div', { class: 'alert', role: 'alert', id });
}

/** An empty polite live region for progress and success messages. */
export function statusRegion(id) {
  return h('p', { class: 'status', role: 'status', id });
}

/**
 * Shows a failed call in an alert region: the problem's detail and each invalid field. `fields` maps the API's
 * field names to their inputs, which are marked invalid.
 */
export function showProblem(region, error, fields = {}) {
  const items = (error.fieldErrors || []).map((e) => {
    const input = fields[e.field];
    if (input) {
      input.setAttribute('aria-invalid', 'true');
    }
    const label = input && input.labels && input.labels[0] ? input.labels[0].textContent : e.field;
    return h('li', null, `${label}: ${e.message}`);
  });
  const message = error.message || 'Something went wrong. Try again.';
  replaceChildren(region, h('p', null, message), items.length ? h('ul', null, items) : null);
}

export function showAlert(region, message) {
  replaceChildren(region, h('p', null, message));
}

export function clearProblem(region, fields = {}) {
  region.replaceChildren();
  Object.values(fields).forEach((input) => input.removeAttribute('aria-invalid'));
}

/** Disables a button while `work` runs, with a busy label. */
export async function busy(button, label, work) {
  const original = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = label;
  try {
    return await work();
  } finally {
    if (button.isConnected) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      if (button.textContent === label) {
        button.textContent = original;
      }
    }
  }
}

/** Asks before something that cannot be undone; resolves to true when confirmed. */
export function confirmDialog({ title, message, confirmLabel, danger = true }) {
  return new Promise((resolve) => {
    const titleId = 'confirm-title';
    const cancel = h('button', { type: 'button', class: 'button button--secondary' }, 'Cancel');
    const confirm = h('button', { type: 'button', class: danger ? 'button button--danger' : 'button', id: 'confirm-action' },
      confirmLabel);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title),
      h('p', null, message),
      h('div', { class: 'actions' }, cancel, confirm));
    let answer = false;
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/** Writes text to the clipboard; true when it worked. */
export async function copyText(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission refused: try the older way below
  }
  const area = h('textarea', { class: 'offscreen', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  area.value = text;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

/** Selects an element's text so that it can be copied by hand. */
export function selectContents(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * A copy button for the text of `source`; its label becomes "Copied" once copied, and `status` announces the result.
 */
export function copyButton({ id, label, source, status, what }) {
  const button = h('button', { type: 'button', class: 'button button--secondary', id }, label);
  button.addEventListener('click', async () => {
    if (await copyText(source.textContent)) {
      button.textContent = 'Copied';
      status.textContent = `${what} copied to the clipboard.`;
    } else {
      selectContents(source);
      status.textContent = `Your browser did not allow copying. The ${what.toLowerCase()} is selected: press Ctrl+C (or ⌘C) to copy it.`;
    }
  });
  return button;
}

/** A horizontally scrollable, keyboard-focusable frame for a wide table. */
export function tableFrame(table, label) {
  return h('div', { class: 'table-frame', tabindex: '0', role: 'region', 'aria-label': label }, table);
}

// ---- formatting ----

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const utcDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const utcShortDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const integer = new Intl.NumberFormat();

function parse(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(value, empty = '—') {
  const date = parse(value);
  return date ? dateTime.format(date) : empty;
}

export function formatDate(value, empty = '—') {
  const date = parse(value);
  return date ? dateOnly.format(date) : empty;
}

/** A calendar day of the API ("2026-11-03", a UTC day). */
export function formatDay(day, short = false) {
  const date = parse(`${day}T00:00:00Z`);
  if (!date) return String(day);
  return (short ? utcShortDay : utcDay).format(date);
}

export function formatNumber(value) {
  return typeof value === 'number' ? integer.format(value) : '—';
}

/** Money in the currency's minor unit (Stripe's amounts): 1250 usd -> $12.50. */
export function formatMoney(minor, currency) {
  if (typeof minor !== 'number' || !currency) return '—';
  try {
    const format = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() });
    const digits = format.resolvedOptions().maximumFractionDigits;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${minor} ${currency}`;
  }
}

export function formatPercent(ratio) {
  if (typeof ratio !== 'number') return '—';
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

export function formatMs(value) {
  if (typeof value !== 'number') return null;
  return `${integer.format(Math.round(value))} ms`;
}
