// The one way the dashboard talks to dashboard-api: session cookie, CSRF header on changes, problem+json errors.

const CSRF_COOKIE = 'hostmcp-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** A failed call: `message` is what to show, `fieldErrors` the invalid fields of a 400. */
export class ApiError extends Error {
  constructor(status, message, { fieldErrors = [], type = null, retryAfter = null } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.type = type;
    this.retryAfter = retryAfter;
  }
}

const unauthorizedListeners = new Set();

/** Called on any 401: the session is gone, so the app shows its signed-out screen. */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
}

function csrfToken() {
  for (const part of document.cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === CSRF_COOKIE) {
      return decodeURIComponent(rest.join('='));
    }
  }
  return '';
}

/**
 * Calls `/api{path}`. Resolves to the parsed JSON body (null for 204), rejects with an ApiError.
 * `query` entries that are empty are left out.
 */
export async function api(path, { method = 'GET', body, query } = {}) {
  const response = await send(path, method, body, query);
  // a mutation refused for its CSRF token changed nothing: the refusal carries a fresh cookie, so try once more
  if (response.status === 403 && !SAFE_METHODS.has(method)) {
    const problem = await readJson(response.clone());
    if (problem && typeof problem.type === 'string' && problem.type.endsWith('/csrf')) {
      return handle(await send(path, method, body, query));
    }
  }
  return handle(response);
}

async function send(path, method, body, query) {
  const headers = {
    Accept: 'application/json, application/problem+json',
    'X-Requested-With': 'JavaScript',
  };
  if (!SAFE_METHODS.has(method)) {
    headers['X-CSRF-Token'] = csrfToken();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let url = `/api${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params.set(name, String(value));
      }
    }
    const text = params.toString();
    if (text) {
      url += `?${text}`;
    }
  }
  try {
    return await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      // /api never redirects; a redirect (to a login page) means the session is gone
      redirect: 'manual',
    });
  } catch {
    throw new ApiError(0, 'HostMCP cannot be reached. Check your connection and try again.');
  }
}

async function readJson(response) {
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) {
    return null;
  }
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function handle(response) {
  if (response.type === 'opaqueredirect') {
    unauthorizedListeners.forEach((listener) => listener());
    throw new ApiError(401, 'Your session has ended. Please sign in again.');
  }
  if (response.ok) {
    if (response.status === 204) {
      return null;
    }
    return readJson(response);
  }
  const problem = (await readJson(response)) || {};
  if (response.status === 401) {
    unauthorizedListeners.forEach((listener) => listener());
  }
  throw new ApiError(response.status, messageOf(response, problem), {
    fieldErrors: Array.isArray(problem.errors) ? problem.errors.filter((e) => e && e.message) : [],
    type: typeof problem.type === 'string' ? problem.type : null,
    retryAfter: response.headers.get('Retry-After'),
  });
}

function messageOf(response, problem) {
  const status = response.status;
  let message = typeof problem.detail === 'string' && problem.detail ? problem.detail : null;
  if (!message) {
    message = typeof problem.title === 'string' && problem.title ? problem.title : fallbackMessage(status);
  }
  if (status === 401) {
    return 'Your session has ended. Please sign in again.';
  }
  if (status === 403 && typeof problem.type === 'string' && problem.type.endsWith('/csrf')) {
    return 'This page is out of date with your session. Reload the page and try again.';
  }
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') || '', 10);
  if (status === 503 && Number.isFinite(retryAfter)) {
    message += ` Try again in ${retryAfter} second${retryAfter === 1 ? '' : 's'}.`;
  }
  return message;
}

function fallbackMessage(status) {
  if (status === 403) return 'Your role in this organization does not allow this.';
  if (status === 404) return 'That was not found. It may have been removed.';
  if (status === 409) return 'That conflicts with the current state. Reload the page and try again.';
  if (status >= 500) return `HostMCP could not complete this request (error ${status}). Try again in a moment.`;
  return `The request failed (error ${status}).`;
}
