// Every call to the controller's API: the token from this tab's sessionStorage, in the Authorization header only.
export const TOKEN = 'greenlight.token';

export class AuthError extends Error {}

let refused = () => {};

/** What to do when the controller refuses the token (401): the page logs out. */
export function onRefused(handler) { refused = handler; }

export async function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  headers.set('Authorization', 'Bearer ' + sessionStorage.getItem(TOKEN));
  const response = await fetch(path, { ...options, headers, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (response.status === 401) {
    refused('The controller refused the token; log in again.');
    throw new AuthError('refused');
  }
  return response;
}

export async function errorOf(response) {
  try { return (await response.json()).error || response.statusText; } catch { return response.statusText || String(response.status); }
}

export async function get(path) {
  const response = await api(path);
  if (!response.ok) throw new Error(await errorOf(response));
  return response.json();
}
