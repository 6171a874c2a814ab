// How each fault kind shapes what goes back on the wire. `replace` answers instead of the handler;
// `wrap` changes the handler's real response. Bodies are copied before changing, never the stored records.
import { STATUS_CODES } from 'node:http';
import type { ApiResponse } from './api';
import { ERROR_CODES, failureEnvelope, type Envelope } from './envelope';
import { REPLACING_KINDS, type ActiveFault } from './faults';
import { rateLimitValue } from './response-headers';

/** What the server does with the socket. */
export type Delivery =
  | { kind: 'send'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'resetMidBody'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'reset' }
  | { kind: 'hang' };

const HTML_CONTENT_TYPE = 'text/html; charset=UTF-8';

/**
 * The delivery for one request: `realResponse` runs the API handler, and is called only when the fault lets
 * the handler run (no fault, a wrapping kind, or a replacing kind with `afterHandler`).
 */
export function deliver(fault: ActiveFault | undefined, realResponse: () => ApiResponse): Delivery {
  if (!fault || fault.kind === 'latency') return plainDelivery(realResponse());
  if (REPLACING_KINDS.has(fault.kind)) {
    if (fault.afterHandler) realResponse();
    return replace(fault);
  }
  return wrap(fault, realResponse());
}

function plainDelivery(response: ApiResponse): Delivery {
  return { kind: 'send', status: response.status, headers: response.headers, body: JSON.stringify(response.body) };
}

function retryHeaders(fault: ActiveFault, status: number): Record<string, string> {
  const seconds = fault.retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  if (seconds === undefined) return {};
  const headers: Record<string, string> = { 'retry-after': String(seconds) };
  if (status === 429) headers.ratelimit = rateLimitValue(0, Math.max(seconds, 1));
  return headers;
}

/** What Cloudflare would say for a status, unless the fault names its own code and message. */
function defaultError(status: number): { code: number; message: string } {
  if (status === 401) return { code: ERROR_CODES.invalidApiToken, message: 'Invalid API Token' };
  if (status === 403) return { code: ERROR_CODES.authenticationError, message: 'Authentication error' };
  if (status === 429) return { code: ERROR_CODES.rateLimited, message: 'Rate limited. Please wait and consider throttling your request speed' };
  if (status >= 500) return { code: ERROR_CODES.unknownError, message: STATUS_CODES[status] ?? 'An unknown error has occurred' };
  return { code: 10000 + status, message: STATUS_CODES[status] ?? 'Error' };
}

function htmlPage(status: number): string {
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;
}

/** The answer of a replacing kind (status, html, reset, successFalse, hang). */
function replace(fault: ActiveFault): Delivery {
  switch (fault.kind) {
    case 'reset':
      return { kind: 'reset' };
    case 'hang':
      return { kind: 'hang' };
    case 'html': {
      const status = fault.status ?? 502;
      return { kind: 'send', status, headers: { 'content-type': HTML_CONTENT_TYPE, ...retryHeaders(fault, status) }, body: htmlPage(status) };
    }
    case 'successFalse': {
      const errors = [{ code: fault.code ?? ERROR_CODES.unknownError, message: fault.message ?? 'An unknown error has occurred' }];
      return { kind: 'send', status: 200, headers: {}, body: JSON.stringify(failureEnvelope(errors)) };
    }
    default: {
      const status = fault.status ?? 500;
      const fallback = defaultError(status);
      const body = failureEnvelope([{
        code: fault.code ?? fallback.code, message: fault.message ?? fallback.message,
        ...(fault.documentationUrl ? { documentation_url: fault.documentationUrl } : {}),
      }]);
      return { kind: 'send', status, headers: retryHeaders(fault, status), body: JSON.stringify(body) };
    }
  }
}

/** Every object in `result` (the object itself, or each object of an array). */
function resultObjects(envelope: Envelope): Record<string, unknown>[] {
  const result = envelope.result;
  const items = Array.isArray(result) ? result : [result];
  return items.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
}

/** The real response changed by a wrapping kind. */
function wrap(fault: ActiveFault, response: ApiResponse): Delivery {
  const status = fault.status ?? response.status;
  const headers = response.headers;
  if (fault.kind === 'malformedJson' || fault.kind === 'resetMidBody') {
    const text = JSON.stringify(response.body);
    if (fault.kind === 'resetMidBody') return { kind: 'resetMidBody', status, headers, body: text };
    return { kind: 'send', status, headers, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
  }
  let body: Envelope = structuredClone(response.body);
  if (fault.kind === 'resultNull') body.result = null;
  if (fault.kind === 'extraFields') {
    for (const item of resultObjects(body)) {
      item.x_sandbox_unknown_field = 'added by the extraFields fault';
      item.x_sandbox_unknown_object = { nested: true, list: [1, 2, 3] };
    }
  }
  if (fault.kind === 'dropField') {
    for (const item of resultObjects(body)) delete item[fault.field ?? 'id'];
  }
  if (fault.kind === 'hugeBody') {
    // Padding first, so a client that caps the body size meets it before the result.
    body = { x_sandbox_padding: 'x'.repeat(Math.round((fault.sizeMb ?? 5) * 1024 * 1024)), ...body };
  }
  return { kind: 'send', status, headers, body: JSON.stringify(body) };
}
