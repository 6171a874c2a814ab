export const DEFAULT_BASE_URL = 'https://api.cloudflare.com/client/v4';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Checks a base URL before any credential is sent to it: https anywhere, plain http only to this machine
 * (the sandbox). Returns the URL without a trailing slash.
 */
export function validateBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The API base URL "${raw}" is not a valid URL.`);
  }
  if (url.username || url.password) throw new Error('The API base URL must not contain a user name or password.');
  if (url.search || url.hash) throw new Error('The API base URL must not contain a query or fragment.');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(`Refusing to send credentials over plain http to ${url.host}: use https, or http only for localhost.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`The API base URL must use https (got ${url.protocol}).`);
  }
  return url.toString().replace(/\/+$/, '');
}
