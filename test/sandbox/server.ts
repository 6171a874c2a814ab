// The HTTP front: reads each request, sends control requests to the control handler and API requests
// through faults and the API pipeline, logs API requests, and writes the chosen delivery to the socket.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiHandler, ApiResponse } from './api';
import { authKindOf } from './auth';
import { CONTROL_PREFIX, type ControlHandler } from './control';
import { ApiError, ERROR_CODES, failureEnvelope } from './envelope';
import { deliver, type Delivery } from './fault-response';
import type { ActiveFault, FaultList } from './faults';
import { accountIdOfPath, type RequestLog, type RequestLogEntry } from './request-log';
import type { ResponseHeaders } from './response-headers';

export const API_PREFIX = '/client/v4';
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export interface ServerParts {
  api: ApiHandler;
  control: ControlHandler;
  faults: FaultList;
  log: RequestLog;
  headers: ResponseHeaders;
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) reject(new BodyTooLargeError());
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function loggedBody(raw: string): unknown {
  if (raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createSandboxServer(parts: ServerParts): Server {
  const write = (res: ServerResponse, delivery: Delivery): number => {
    if (res.destroyed) return 0; // the client gave up (e.g. during added latency)
    switch (delivery.kind) {
      case 'reset':
        res.socket?.resetAndDestroy();
        return 0;
      case 'hang':
        return 0; // never answer; close() or the client ends the connection
      case 'send':
        res.writeHead(delivery.status, { ...parts.headers.forResponse(delivery.headers), 'content-length': String(Buffer.byteLength(delivery.body)) });
        res.end(delivery.body);
        return delivery.status;
      case 'resetMidBody': {
        const bytes = Buffer.from(delivery.body);
        res.writeHead(delivery.status, { ...parts.headers.forResponse(delivery.headers), 'content-length': String(bytes.length) });
        // Half the promised bytes, then close: the client has the headers but a body that ends too early.
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => setTimeout(() => res.socket?.destroy(), 20));
        return delivery.status;
      }
    }
  };

  const answerApi = async (req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string, entry: RequestLogEntry, inApi: boolean) => {
    const method = entry.method;
    const path = entry.path;
    const fault: ActiveFault | undefined = inApi ? parts.faults.take(method, path) : undefined;
    if (fault) entry.fault = { id: fault.id, kind: fault.kind, path: fault.path, ...(fault.method ? { method: fault.method } : {}) };
    if (fault && (fault.latencyMs !== undefined || fault.kind === 'latency')) await delay(fault.latencyMs ?? 1000);
    // Chosen now, so the audit entry of this request names the cf-ray the client gets.
    const rayId = parts.headers.nextRay();
    const realResponse = (): ApiResponse =>
      inApi
        ? parts.api.handle({ method, path, query: url.searchParams, headers: req.headers, rawBody, rayId })
        : { status: 404, body: failureEnvelope([{ code: ERROR_CODES.noRoute, message: 'No route for that URI' }]), headers: {} };
    const delivery = deliver(fault, realResponse);
    entry.status = write(res, delivery);
  };

  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    readBody(req)
      .then(async (rawBody) => {
        if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
          const out = parts.control.handle(method, url.pathname, rawBody);
          write(res, { kind: 'send', status: out.status, headers: {}, body: JSON.stringify(out.body) });
          return;
        }
        // Requests outside /client/v4 are logged with their full path: a wrong base URL shows at a glance.
        const inApi = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`);
        const path = inApi ? url.pathname.slice(API_PREFIX.length) || '/' : url.pathname;
        const entry = parts.log.start({
          method,
          path,
          query: Object.fromEntries(url.searchParams),
          accountId: accountIdOfPath(path),
          authKind: authKindOf(req.headers),
          body: loggedBody(rawBody),
        });
        try {
          await answerApi(req, res, url, rawBody, entry, inApi);
        } finally {
          parts.log.finish(entry);
        }
      })
      .catch((error: unknown) => {
        const status = error instanceof BodyTooLargeError ? 413 : 500;
        const failure = error instanceof BodyTooLargeError
          ? ApiError.of(413, ERROR_CODES.bodyTooLarge, `Request body over ${MAX_REQUEST_BYTES} bytes`)
          : ApiError.of(500, ERROR_CODES.unknownError, `Sandbox internal error: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) write(res, { kind: 'send', status, headers: { connection: 'close' }, body: JSON.stringify(failureEnvelope(failure.errors)) });
      });
  });
}
