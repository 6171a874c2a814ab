// What the client sent: one entry per API request (control requests are not logged). Credentials are
// reduced to their kind; the token or key itself is never stored.
import type { AuthKind } from './auth';
import type { AppliedFault } from './faults';
import { splitPath } from './router';

export interface RequestLogEntry {
  seq: number;
  time: string;
  method: string;
  /** Path after /client/v4, without the query string. */
  path: string;
  query: Record<string, string>;
  accountId?: string;
  authKind: AuthKind;
  /** Parsed JSON when the body was JSON, the raw text otherwise, null when there was none. */
  body: unknown;
  /** The status sent; 0 when no response was sent (reset, hang, or still in progress). */
  status: number;
  /** Requests being answered when this one arrived, itself included: how many the client had in flight at once. */
  inFlight: number;
  /** When it arrived and when its answer was written, in ms on the sandbox's monotonic clock (performance.now()). */
  receivedMs: number;
  answeredMs?: number;
  fault?: AppliedFault;
}

/** Oldest entries go first once this many are kept, so a long CLI session cannot grow without bound. */
const MAX_ENTRIES = 20_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;
  private answering = 0;

  /** Records the request now; the caller fills in `status` and `fault` on the returned entry as it answers. */
  start(entry: Omit<RequestLogEntry, 'seq' | 'time' | 'status' | 'inFlight' | 'receivedMs'>): RequestLogEntry {
    this.answering++;
    const full: RequestLogEntry = { seq: this.nextSeq++, time: new Date().toISOString(), status: 0, inFlight: this.answering, receivedMs: performance.now(), ...entry };
    if (full.accountId === undefined) delete full.accountId;
    this.entries.push(full);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    return full;
  }

  /** The answer to a request was written (or the request was dropped). */
  finish(entry: RequestLogEntry): void {
    this.answering--;
    entry.answeredMs = performance.now();
  }

  list(): RequestLogEntry[] {
    return structuredClone(this.entries);
  }

  /** Empties the log; numbering goes on, so a seq seen before is never reused. */
  clear(): void {
    this.entries = [];
  }

  /** Empties the log and numbers from 1 again (sandbox reset). */
  reset(): void {
    this.entries = [];
    this.nextSeq = 1;
  }
}

/** The account id of an /accounts/{id}/… path, if any. */
export function accountIdOfPath(path: string): string | undefined {
  const parts = splitPath(path);
  return parts[0] === 'accounts' && parts.length > 2 ? parts[1] : undefined;
}
