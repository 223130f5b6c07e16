// Usage: month-to-date requests, a 30-day chart, per-tool figures, the listing count (with Sync now) and the
// projected bill.

import { api } from '../api.js';
import {
  alertRegion, busy, clearProblem, formatDate, formatDateTime, formatDay, formatMoney, formatMs, formatNumber,
  formatPercent, h, replaceChildren, s, showAlert, showProblem, statusRegion, tableFrame,
} from '../dom.js';
import { canManage } from '../state.js';

const SYNC_POLL_MS = 2000;
const SYNC_POLL_LIMIT = 45;

export function render(main, ctx) {
  const view = {
    ctx,
    error: alertRegion('usage-error'),
    body: h('div', null, h('p', { class: 'loading' }, 'Loading usage…')),
  };
  replaceChildren(main,
    h('h1', { tabindex: '-1' }, 'Usage'),
    h('p', { class: 'lead' }, 'Tool calls made with your organization’s API keys. Days are UTC days.'),
    view.error,
    view.body);
  load(view);
}

async function load(view) {
  let usage;
  try {
    usage = await api('/usage');
  } catch (error) {
    if (!view.ctx.isCurrent()) return;
    showProblem(view.error, error);
    view.body.replaceChildren();
    return;
  }
  if (!view.ctx.isCurrent()) return;
  const summary = usage.summary || { requests: 0, errors: 0, refused: 0, errorRate: 0, tools: [] };
  const series = usage.daily && Array.isArray(usage.daily.series) ? usage.daily.series : [];
  const chartFrame = h('div', { class: 'chart-frame' });
  replaceChildren(view.body,
    h('div', { class: 'stats' },
      stat('Requests this month', h('span', { id: 'usage-mtd-requests', class: 'stat__value' }, String(summary.requests ?? 0)),
        summary.from ? `${formatDay(summary.from)} to ${formatDay(summary.through)}` : null),
      stat('Errors', h('span', { class: 'stat__value' }, formatNumber(summary.errors ?? 0)),
        `${formatPercent(summary.errorRate ?? 0)} of requests`),
      stat('Refused', h('span', { class: 'stat__value' }, formatNumber(summary.refused ?? 0)),
        'not run: billing or Hostaway connection')),
    h('section', { class: 'card', 'aria-labelledby': 'usage-chart-title' },
      h('h2', { id: 'usage-chart-title' }, 'Requests per day, last 30 days'),
      chartFrame,
      h('p', { class: 'legend' },
        h('span', { class: 'legend__swatch legend__swatch--ok', 'aria-hidden': 'true' }), 'Successful ',
        h('span', { class: 'legend__swatch legend__swatch--bad', 'aria-hidden': 'true' }), 'Errors and refused'),
      series.length && series.every((day) => !day.requests)
        ? h('p', { class: 'empty' }, 'No calls in the last 30 days. Once an MCP client uses one of your keys, its calls show up here.')
        : null,
      dailyTable(series)),
    h('section', { class: 'card', 'aria-labelledby': 'usage-tools-title' },
      h('h2', { id: 'usage-tools-title' }, 'Per tool, this month'),
      toolsTable(view, summary)),
    h('div', { class: 'two-up' },
      listingsCard(view, usage, summary),
      billCard(usage.projectedBill)));
  drawChart(chartFrame, series);
  observeWidth(view, chartFrame, series);
}

function stat(label, value, note) {
  return h('div', { class: 'stat' }, h('p', { class: 'stat__label' }, label), value,
    note ? h('p', { class: 'stat__note' }, note) : null);
}

// ---- the chart: inline SVG built with DOM APIs, redrawn when its width changes ----

function observeWidth(view, frame, series) {
  if (!('ResizeObserver' in window)) return;
  let width = frame.clientWidth;
  const observer = new ResizeObserver(() => {
    if (!view.ctx.isCurrent() || !frame.isConnected) {
      observer.disconnect();
      return;
    }
    if (Math.abs(frame.clientWidth - width) > 8) {
      width = frame.clientWidth;
      drawChart(frame, series);
    }
  });
  observer.observe(frame);
}

function niceMax(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

function drawChart(frame, series) {
  const width = Math.max(300, Math.round(frame.clientWidth || 640));
  const height = 220;
  const pad = { top: 12, right: 8, bottom: 28, left: 44 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const max = niceMax(Math.max(0, ...series.map((day) => day.requests || 0)));
  const y = (value) => pad.top + plotHeight - (value / max) * plotHeight;
  const slot = series.length ? plotWidth / series.length : plotWidth;
  const barWidth = Math.max(2, slot * 0.7);

  const total = series.reduce((sum, day) => sum + (day.requests || 0), 0);
  const busiest = series.reduce((best, day) => ((day.requests || 0) > (best ? best.requests : 0) ? day : best), null);
  const description = series.length
    ? `${formatNumber(total)} requests from ${formatDay(series[0].date)} to ${formatDay(series[series.length - 1].date)}`
      + (busiest ? `; busiest day ${formatDay(busiest.date)} with ${formatNumber(busiest.requests)}.` : '; no calls.')
    : 'No data.';

  const grid = [0, max / 2, max].map((value) => s('g', { class: 'chart__grid' },
    s('line', { x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value) }),
    s('text', { x: pad.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, formatNumber(value))));

  const bars = series.map((day, index) => {
    const x = pad.left + index * slot + (slot - barWidth) / 2;
    const requests = day.requests || 0;
    const bad = Math.min(requests, (day.errors || 0) + (day.refused || 0));
    const title = `${formatDay(day.date)}: ${formatNumber(requests)} requests, ${formatNumber(day.errors || 0)} errors, `
      + `${formatNumber(day.refused || 0)} refused`;
    return s('g', { class: 'chart__day' },
      s('title', null, title),
      requests > bad ? s('rect', {
        class: 'chart__bar', x: x.toFixed(1), width: barWidth.toFixed(1),
        y: y(requests).toFixed(1), height: (y(bad) - y(requests)).toFixed(1),
      }) : null,
      bad > 0 ? s('rect', {
        class: 'chart__bar chart__bar--bad', x: x.toFixed(1), width: barWidth.toFixed(1),
        y: y(bad).toFixed(1), height: (y(0) - y(bad)).toFixed(1),
      }) : null);
  });

  const labelEvery = width < 480 ? 10 : 5;
  const labels = series.map((day, index) => {
    const last = index === series.length - 1;
    if (index % labelEvery !== 0 && !last) return null;
    if (!last && series.length - 1 - index < labelEvery / 2) return null;
    const x = pad.left + index * slot + slot / 2;
    return s('text', { class: 'chart__label', x: x.toFixed(1), y: height - 8, 'text-anchor': last ? 'end' : 'middle' },
      formatDay(day.date, true));
  });

  const svg = s('svg', {
    id: 'usage-chart', role: 'img', viewBox: `0 0 ${width} ${height}`, width, height,
    'aria-labelledby': 'usage-chart-svg-title usage-chart-svg-desc', class: 'chart', focusable: 'false',
  },
  s('title', { id: 'usage-chart-svg-title' }, 'Requests per day over the last 30 days'),
  s('desc', { id: 'usage-chart-svg-desc' }, description),
  grid,
  s('line', { class: 'chart__axis', x1: pad.left, x2: width - pad.right, y1: y(0), y2: y(0) }),
  bars,
  labels);
  frame.replaceChildren(svg);
}

function dailyTable(series) {
  const table = h('table', { class: 'table table--compact' },
    h('caption', { class: 'visually-hidden' }, 'Requests per day'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col', class: 'num' }, 'Requests'),
      h('th', { scope: 'col', class: 'num' }, 'Errors'), h('th', { scope: 'col', class: 'num' }, 'Refused'),
      h('th', { scope: 'col', class: 'num' }, 'p95 latency'))),
    h('tbody', null, [...series].reverse().map((day) => h('tr', null,
      h('th', { scope: 'row' }, formatDay(day.date)),
      h('td', { class: 'num' }, formatNumber(day.requests || 0)),
      h('td', { class: 'num' }, formatNumber(day.errors || 0)),
      h('td', { class: 'num' }, formatNumber(day.refused || 0)),
      h('td', { class: 'num' }, formatMs(day.p95Ms) || '—')))));
  return h('details', { class: 'details' }, h('summary', null, 'Show the daily numbers as a table'),
    tableFrame(table, 'Daily numbers'));
}

// ---- per tool ----

function toolsTable(view, summary) {
  const tools = (summary.tools || []).filter((tool) => tool.tool);
  if (!tools.length) {
    return h('p', { class: 'empty' }, 'No tool calls this month yet.');
  }
  const cells = new Map();
  const table = h('table', { id: 'usage-per-tool', class: 'table' },
    h('caption', { class: 'visually-hidden' }, 'Requests per tool this month'),
    h('thead', null, h('tr', null,
      h('th', { scope: 'col' }, 'Tool'),
      h('th', { scope: 'col', class: 'num' }, 'Requests'),
      h('th', { scope: 'col', class: 'num' }, 'Errors'),
      h('th', { scope: 'col', class: 'num' }, 'p95 latency'))),
    h('tbody', null, tools.map((tool) => {
      const p95 = h('td', { class: 'num muted' }, '…');
      cells.set(tool.tool, p95);
      return h('tr', null,
        h('th', { scope: 'row' }, h('code', null, tool.tool)),
        h('td', { class: 'num' }, formatNumber(tool.requests)),
        h('td', { class: 'num', title: `${formatPercent(tool.errorRate)} of requests; ${formatNumber(tool.refused)} refused` },
          formatNumber(tool.errors)),
        p95);
    })));
  fillPercentiles(view, summary, cells);
  return h('div', null, tableFrame(table, 'Per-tool usage'),
    h('p', { class: 'hint' }, 'p95 latency: 95% of the tool’s calls on its latest day with calls this month were faster than this. '
      + 'Errors: the tool ran and failed; refused calls are not counted as errors.'));
}

/** The summary has no latencies: each tool's daily series for this month gives its latest day's p95. */
async function fillPercentiles(view, summary, cells) {
  const from = summary.from ? Date.parse(`${summary.from}T00:00:00Z`) : NaN;
  const through = summary.through ? Date.parse(`${summary.through}T00:00:00Z`) : NaN;
  const days = Number.isFinite(from) && Number.isFinite(through)
    ? Math.min(31, Math.max(1, Math.round((through - from) / 86400000) + 1)) : 30;
  await Promise.all([...cells.entries()].map(async ([tool, cell]) => {
    let text = '—';
    try {
      const daily = await api('/usage/daily', { query: { days, tool } });
      const latest = [...(daily.series || [])].reverse().find((day) => day.requests > 0);
      if (latest) {
        text = formatMs(latest.p95Ms) || 'computing…';
      }
    } catch {
      text = 'unavailable';
    }
    if (view.ctx.isCurrent()) {
      cell.textContent = text;
      cell.classList.remove('muted');
    }
  }));
}

// ---- listings and Sync now ----

function listingsCard(view, usage, summary) {
  const listings = summary.listings || null;
  const count = typeof usage.listingCount === 'number' ? usage.listingCount
    : listings ? listings.activeListings : null;
  const value = h('span', { id: 'usage-listing-count', class: 'stat__value' }, count === null ? 'Not counted yet' : String(count));
  const note = h('p', { class: 'stat__note' }, listings
    ? `active listings of ${formatNumber(listings.totalListings)} in Hostaway, counted ${formatDateTime(listings.syncedAt)}`
    : count === null ? 'HostMCP counts your Hostaway listings daily and after you connect Hostaway.' : 'active listings in Hostaway');
  const status = statusRegion('sync-status');
  const error = alertRegion('sync-error');
  let button = null;
  if (canManage()) {
    button = h('button', { type: 'button', class: 'button button--secondary', id: 'sync-now' }, 'Sync now');
    button.addEventListener('click', () => syncNow(view, button, status, error, value, note));
  }
  return h('section', { class: 'card', 'aria-labelledby': 'usage-listings-title' },
    h('h2', { id: 'usage-listings-title' }, 'Listings'),
    value, note,
    h('p', { class: 'hint' }, 'Billing is per active listing.'),
    button ? h('div', { class: 'actions' }, button) : null,
    status, error);
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function syncNow(view, button, status, error, value, note) {
  clearProblem(error);
  await busy(button, 'Syncing…', async () => {
    try {
      const request = await api('/sync-requests', { method: 'POST', body: {} });
      status.textContent = 'Sync requested. Counting your Hostaway listings…';
      const poll = typeof request.pollUrl === 'string' && request.pollUrl.startsWith('/api/sync-requests/')
        ? request.pollUrl.slice('/api'.length)
        : `/sync-requests/${encodeURIComponent(request.requestId)}`;
      for (let attempt = 0; attempt < SYNC_POLL_LIMIT; attempt += 1) {
        await sleep(SYNC_POLL_MS);
        if (!view.ctx.isCurrent()) return;
        const run = await api(poll);
        if (run && run.status === 'FINISHED') {
          finished(run, status, error, value, note);
          return;
        }
        status.textContent = run && run.status === 'RUNNING'
          ? 'Counting your Hostaway listings…'
          : 'Sync requested, waiting for its turn…';
      }
      status.textContent = 'The sync is taking longer than usual. The count updates here when it is done; reload the page later.';
    } catch (failure) {
      status.textContent = '';
      showProblem(error, failure);
    }
  });
}

function finished(run, status, error, value, note) {
  if (run.outcome === 'SUCCEEDED') {
    value.textContent = String(run.activeListings ?? 0);
    note.textContent = `active listings of ${formatNumber(run.totalListings ?? 0)} in Hostaway, counted ${formatDateTime(run.finishedAt)}`;
    status.textContent = `Sync finished: ${formatNumber(run.activeListings ?? 0)} active listings.`;
  } else if (run.outcome === 'CREDENTIALS_REJECTED') {
    status.textContent = '';
    showAlert(error, 'Hostaway rejected the stored credentials. An owner or admin must connect Hostaway again under Get started.');
  } else {
    status.textContent = '';
    showAlert(error, `The sync failed${run.reason ? `: ${run.reason}` : ''}. Try again later.`);
  }
}

// ---- projected bill ----

function billCard(bill) {
  const parts = [h('h2', { id: 'usage-bill-title' }, 'Projected bill')];
  if (!bill) {
    parts.push(h('span', { id: 'usage-projected-bill', class: 'stat__value' }, 'Not available'),
      h('p', { class: 'stat__note' }, 'The projection could not be computed right now. See Billing for your plan.'));
  } else {
    parts.push(h('span', { id: 'usage-projected-bill', class: 'stat__value' }, formatMoney(bill.amount, bill.currency)),
      h('p', { class: 'stat__note' },
        `${formatNumber(bill.quantity)} listing${bill.quantity === 1 ? '' : 's'} × ${formatMoney(bill.unitAmount, bill.currency)} per month, `,
        bill.basis === 'SUBSCRIPTION' ? 'from your subscription.' : 'from your active listing count (what a subscription would start with).'));
    const upcoming = bill.upcomingInvoice;
    if (upcoming) {
      parts.push(h('p', { class: 'hint' },
        `Stripe’s preview of the next invoice: ${formatMoney(upcoming.amountDue, upcoming.currency)} for `
          + `${formatDate(upcoming.periodStart)} to ${formatDate(upcoming.periodEnd)}.`));
    }
  }
  parts.push(h('p', null, h('a', { href: '#/billing' }, 'Billing and invoices')));
  return h('section', { class: 'card', 'aria-labelledby': 'usage-bill-title' }, parts);
}
