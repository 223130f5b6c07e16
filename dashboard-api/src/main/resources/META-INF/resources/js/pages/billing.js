// Billing: where the organization stands (trial, active, past due, suspended, canceled) and what to do, the
// subscription actions for owners and admins, and the invoices.

import { api } from '../api.js';
import {
  alertRegion, busy, clearProblem, confirmDialog, formatDate, formatDateTime, formatMoney, formatNumber, h,
  replaceChildren, showAlert, showProblem, statusRegion, tableFrame,
} from '../dom.js';
import { canManage } from '../state.js';

// Stripe subscription statuses with which a checkout is refused (a subscription is live)
const LIVE = new Set(['active', 'trialing', 'past_due']);
const ENDED = new Set(['canceled', 'incomplete_expired']);
const CONFIRM_POLLS = 10;

export function render(main, ctx) {
  const view = {
    ctx,
    status: statusRegion('billing-status'),
    error: alertRegion('billing-error'),
    summary: h('div', null, h('p', { class: 'loading' }, 'Loading billing…')),
    invoices: h('div', null, h('p', { class: 'loading' }, 'Loading invoices…')),
  };
  replaceChildren(main,
    h('h1', { tabindex: '-1' }, 'Billing'),
    view.status,
    view.error,
    view.summary,
    h('section', { class: 'card', 'aria-labelledby': 'invoices-title' },
      h('h2', { id: 'invoices-title' }, 'Invoices'),
      view.invoices));
  const checkout = ctx.params.get('checkout');
  if (checkout === 'success') {
    view.status.textContent = 'Thank you. Stripe is confirming your payment; this page updates when it has.';
  } else if (checkout === 'cancelled') {
    view.status.textContent = 'Checkout was cancelled. Nothing was charged.';
  }
  load(view, checkout === 'success');
  loadInvoices(view);
}

async function load(view, awaitConfirmation) {
  let billing;
  try {
    billing = await api('/billing');
  } catch (error) {
    if (!view.ctx.isCurrent()) return;
    showProblem(view.error, error);
    view.summary.replaceChildren();
    return;
  }
  if (!view.ctx.isCurrent()) return;
  show(view, billing);
  if (awaitConfirmation) {
    confirmCheckout(view, billing);
  }
}

/** After a checkout, Stripe's webhook activates the subscription a moment later: ask again a few times. */
async function confirmCheckout(view, billing) {
  let current = billing;
  for (let attempt = 0; attempt < CONFIRM_POLLS && !(current.subscription && LIVE.has(current.subscription.status)); attempt += 1) {
    await new Promise((resolve) => { setTimeout(resolve, 2000); });
    if (!view.ctx.isCurrent()) return;
    try {
      current = await api('/billing');
    } catch {
      return;
    }
    if (!view.ctx.isCurrent()) return;
  }
  if (current.subscription && LIVE.has(current.subscription.status)) {
    show(view, current);
    view.status.textContent = 'Your subscription is active. Thank you!';
    loadInvoices(view);
  } else {
    view.status.textContent = 'Stripe has not confirmed the payment yet. Reload this page in a minute.';
  }
}

function banner(billing) {
  const e = billing.entitlement || {};
  const sub = billing.subscription;
  const reason = e.reason ? ` (${e.reason})` : '';
  switch (e.state) {
    case 'TRIAL':
      return ['trial', 'Free trial',
        `Your trial ends ${formatDateTime(e.validUntil || billing.trialEndsAt)}. Subscribe before then to keep your AI assistant connected; `
          + 'you are billed per active listing.'];
    case 'ACTIVE':
      if (sub && sub.cancelAtPeriodEnd) {
        return ['warn', 'Active until the end of this period',
          `Your subscription ends ${formatDate(sub.currentPeriodEnd || e.validUntil)} and tool calls are refused after that. `
            + 'Resume the subscription to keep it.'];
      }
      return ['ok', 'Active', sub && sub.currentPeriodEnd
        ? `Your subscription renews ${formatDate(sub.currentPeriodEnd)}. Nothing to do.`
        : 'Your subscription is active. Nothing to do.'];
    case 'PAST_DUE':
      return ['warn', 'Payment past due',
        `A payment failed${reason}. Tool calls keep working until ${formatDateTime(e.validUntil)}: `
          + 'update your payment method under “Manage billing” before then.'];
    case 'SUSPENDED':
      return ['bad', 'Suspended',
        `MCP tool calls are refused${reason}. `
          + (billing.paymentAccount && sub && !ENDED.has(sub.status)
            ? 'Update your payment method under “Manage billing” to restore access.'
            : 'Subscribe to restore access.')];
    case 'CANCELED':
      return ['bad', 'Canceled', `Your subscription has ended${reason} and MCP tool calls are refused. Subscribe again to restore access.`];
    default:
      return ['warn', 'Unknown', 'The billing state could not be read. Try again later.'];
  }
}

function show(view, billing) {
  const [tone, title, text] = banner(billing);
  const sub = billing.subscription;
  const manage = canManage();
  const actions = [];
  if (manage) {
    if (!sub || ENDED.has(sub.status)) {
      actions.push(actionButton('subscribe', 'Subscribe', 'button', (button) => redirect(view, button, '/billing/checkout', 'Opening Stripe Checkout…')));
    }
    if (billing.paymentAccount) {
      actions.push(actionButton('manage-billing', 'Manage billing', 'button button--secondary',
        (button) => redirect(view, button, '/billing/portal', 'Opening the Stripe billing portal…')));
    }
    if (sub && LIVE.has(sub.status) && !sub.cancelAtPeriodEnd) {
      actions.push(actionButton('cancel-subscription', 'Cancel subscription', 'button button--danger-outline', (button) => cancel(view, button, sub)));
    }
    if (sub && sub.cancelAtPeriodEnd && !ENDED.has(sub.status)) {
      actions.push(actionButton('resume-subscription', 'Resume subscription', 'button', (button) => change(view, button, '/billing/resume',
        'Resuming…', 'Your subscription continues.')));
    }
  }
  const e = billing.entitlement || {};
  const facts = [
    ['MCP access', e.mcpAccess ? 'On' : 'Off: tool calls are refused'],
    sub ? ['Subscription', `${sub.status.replace('_', ' ')}${sub.cancelAtPeriodEnd ? ', ends at period end' : ''}`] : ['Subscription', 'None yet'],
    sub ? ['Billed listings', formatNumber(sub.quantity)] : null,
    sub && sub.currentPeriodEnd ? ['Current period ends', formatDate(sub.currentPeriodEnd)] : null,
    billing.listingCount ? ['Active listings', `${formatNumber(billing.listingCount.activeListings)} (counted ${formatDateTime(billing.listingCount.syncedAt)})`] : null,
  ].filter(Boolean);
  replaceChildren(view.summary,
    h('section', { id: 'billing-banner', class: `banner banner--${tone}`, 'aria-labelledby': 'billing-banner-title' },
      h('h2', { id: 'billing-banner-title', tabindex: '-1' }, title),
      h('p', null, text)),
    h('section', { class: 'card', 'aria-labelledby': 'plan-title' },
      h('h2', { id: 'plan-title' }, 'Your plan'),
      h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', null, term), h('dd', null, value)])),
      manage
        ? (actions.length ? h('div', { class: 'actions' }, actions) : null)
        : h('p', { class: 'note' }, 'Only owners and admins of your organization can change billing.')));
}

function actionButton(id, label, className, onClick) {
  const button = h('button', { type: 'button', class: className, id }, label);
  button.addEventListener('click', () => onClick(button));
  return button;
}

/** Checkout and portal answer a Stripe URL to send the browser to. */
async function redirect(view, button, path, label) {
  clearProblem(view.error);
  try {
    const answer = await busy(button, label, () => api(path, { method: 'POST', body: {} }));
    const url = answer && typeof answer.url === 'string' ? new URL(answer.url, window.location.href) : null;
    if (!url || !['https:', 'http:'].includes(url.protocol)) {
      showAlert(view.error, 'Stripe did not return a page to open. Try again in a moment.');
      return;
    }
    view.status.textContent = label;
    window.location.assign(url.href);
  } catch (error) {
    showProblem(view.error, error);
  }
}

async function cancel(view, button, sub) {
  const yes = await confirmDialog({
    title: 'Cancel your subscription?',
    message: `It stays active until ${formatDate(sub.currentPeriodEnd)}; after that your MCP clients are refused. `
      + 'You can resume it until then.',
    confirmLabel: 'Cancel at period end',
  });
  if (!yes) {
    button.focus();
    return;
  }
  await change(view, button, '/billing/cancel', 'Cancelling…', 'Your subscription will end at the end of this period.');
}

async function change(view, button, path, label, done) {
  clearProblem(view.error);
  try {
    const billing = await busy(button, label, () => api(path, { method: 'POST', body: {} }));
    show(view, billing);
    view.status.textContent = done;
    document.getElementById('billing-banner-title').focus();
  } catch (error) {
    showProblem(view.error, error);
  }
}

async function loadInvoices(view) {
  let invoices;
  try {
    invoices = await api('/billing/invoices');
  } catch (error) {
    if (!view.ctx.isCurrent()) return;
    replaceChildren(view.invoices, h('div', { class: 'alert', role: 'alert' }, h('p', null, error.message)));
    return;
  }
  if (!view.ctx.isCurrent()) return;
  if (!Array.isArray(invoices) || !invoices.length) {
    replaceChildren(view.invoices, h('p', { class: 'empty' }, 'No invoices yet. They appear here after your first payment.'));
    return;
  }
  const table = h('table', { id: 'invoices-table', class: 'table table--stack' },
    h('caption', { class: 'visually-hidden' }, 'Invoices, newest first'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Invoice'),
      h('th', { scope: 'col' }, 'Date'),
      h('th', { scope: 'col' }, 'Period'),
      h('th', { scope: 'col', class: 'num' }, 'Listings'),
      h('th', { scope: 'col', class: 'num' }, 'Total'),
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Download'))),
    h('tbody', null, invoices.map((invoice) => h('tr', null,
      h('th', { scope: 'row', 'data-label': 'Invoice' }, invoice.number || invoice.id),
      h('td', { 'data-label': 'Date' }, formatDate(invoice.createdAt)),
      h('td', { 'data-label': 'Period' },
        invoice.periodStart ? `${formatDate(invoice.periodStart)} – ${formatDate(invoice.periodEnd)}` : '—'),
      h('td', { class: 'num', 'data-label': 'Listings' },
        typeof invoice.listingCount === 'number' ? formatNumber(invoice.listingCount) : '—'),
      h('td', { class: 'num', 'data-label': 'Total' }, formatMoney(invoice.total, invoice.currency)),
      h('td', { 'data-label': 'Status' }, invoiceStatus(invoice)),
      h('td', { 'data-label': 'Download' }, links(invoice))))));
  replaceChildren(view.invoices, tableFrame(table, 'Invoices table'));
}

function invoiceStatus(invoice) {
  const names = { paid: 'Paid', open: 'Open', draft: 'Draft', void: 'Void', uncollectible: 'Uncollectible' };
  const name = names[invoice.status] || invoice.status || '—';
  if (invoice.status === 'open' && invoice.amountDue > invoice.amountPaid) {
    return `${name}: ${formatMoney(invoice.amountDue - invoice.amountPaid, invoice.currency)} due`;
  }
  return name;
}

function safeUrl(value) {
  try {
    const url = new URL(value);
    return ['https:', 'http:'].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function links(invoice) {
  const label = invoice.number || invoice.id;
  const pdf = safeUrl(invoice.invoicePdfUrl);
  const hosted = safeUrl(invoice.hostedInvoiceUrl);
  const items = [];
  if (pdf) {
    items.push(h('a', { href: pdf, target: '_blank', rel: 'noopener noreferrer', 'aria-label': `PDF of invoice ${label} (opens in a new tab)` }, 'PDF'));
  }
  if (hosted) {
    if (items.length) items.push(' · ');
    items.push(h('a', { href: hosted, target: '_blank', rel: 'noopener noreferrer', 'aria-label': `Invoice ${label} on Stripe (opens in a new tab)` }, 'View'));
  }
  return items.length ? items : '—';
}
