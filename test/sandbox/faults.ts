// Scripted misbehaviour: which requests get a fault, how many times, and which one was applied.
// How each kind shapes the response is in fault-response.ts.

export const FAULT_KINDS = [
  'status', // an error status with a Cloudflare failure body (429 adds Retry-After)
  'html', // an HTML error page (default 502), as Cloudflare's edge serves when the origin fails
  'latency', // the normal response, latencyMs later
  'malformedJson', // the normal response cut in half: invalid JSON
  'reset', // the connection is destroyed before any byte of response
  'successFalse', // HTTP 200 with success:false
  'resultNull', // the normal response with result: null
  'extraFields', // unknown fields added to every result object
  'dropField', // `field` (default "id") removed from every result object
  'hugeBody', // valid JSON with sizeMb MB of padding
  'hang', // no response at all until the client gives up
  'resetMidBody', // headers and half the body, then the connection is destroyed
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds that answer instead of the real handler, unless `afterHandler` is set. */
export const REPLACING_KINDS: ReadonlySet<FaultKind> = new Set<FaultKind>(['status', 'html', 'reset', 'successFalse', 'hang']);

export interface Fault {
  /** Any method when omitted. */
  method?: string;
  /** Pattern on the path after /client/v4, where a `*` segment matches any one segment and `**` any rest. */
  path: string;
  /** How many matching requests get it; default 1; 0 = until cleared. */
  times?: number;
  kind: FaultKind;
  status?: number;
  retryAfterSeconds?: number;
  /** Delay before answering (any kind; the whole point of `latency`). */
  latencyMs?: number;
  /** hugeBody: megabytes of padding (default 5). */
  sizeMb?: number;
  /** dropField: the field removed (default "id"). */
  field?: string;
  /** status / successFalse: override the Cloudflare error code and message. */
  code?: number;
  message?: string;
  /** status: the error's `documentation_url` (Cloudflare's 403s link the endpoint's API page). */
  documentationUrl?: string;
  /**
   * Replacing kinds only: run the real handler first, so its change sticks although the client sees the
   * fault (e.g. a create that succeeded but whose response was lost).
   */
  afterHandler?: boolean;
}

export interface ActiveFault extends Fault {
  id: number;
  /** Requests still to fault; null = until cleared. */
  remaining: number | null;
}

/** What the request log records about an applied fault. */
export interface AppliedFault {
  id: number;
  kind: FaultKind;
  path: string;
  method?: string;
}

export function pathMatches(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter((s) => s !== '');
  const have = path.split('/').filter((s) => s !== '');
  for (let i = 0; i < want.length; i++) {
    const segment = want[i];
    if (segment === '**') return true;
    if (i >= have.length) return false;
    if (segment !== '*' && segment !== have[i]) return false;
  }
  return want.length === have.length;
}

export class FaultList {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  add(fault: Fault): ActiveFault {
    const times = fault.times ?? 1;
    const active: ActiveFault = { ...fault, method: fault.method?.toUpperCase(), id: this.nextId++, remaining: times === 0 ? null : times };
    if (active.method === undefined) delete active.method;
    this.faults.push(active);
    return { ...active };
  }

  clear(): void {
    this.faults = [];
  }

  /** Clears and numbers from 1 again (sandbox reset). */
  reset(): void {
    this.faults = [];
    this.nextId = 1;
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The first fault (in insertion order) matching the request, with one use consumed. */
  take(method: string, path: string): ActiveFault | undefined {
    const fault = this.faults.find((f) => (f.method === undefined || f.method === method.toUpperCase()) && pathMatches(f.path, path));
    if (!fault) return undefined;
    if (fault.remaining !== null) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return { ...fault };
  }
}

/** Checks a fault that arrived as JSON (control route); returns the problems, empty when valid. */
export function faultProblems(input: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (typeof input.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(input.kind)) problems.push(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  if (typeof input.path !== 'string' || !input.path.startsWith('/')) problems.push('path must be a string starting with "/"');
  if (input.method !== undefined && typeof input.method !== 'string') problems.push('method must be a string');
  if (input.times !== undefined && !isInt(input.times, 0)) problems.push('times must be an integer >= 0');
  if (input.status !== undefined && !isInt(input.status, 100, 599)) problems.push('status must be an HTTP status (100-599)');
  if (input.retryAfterSeconds !== undefined && !isInt(input.retryAfterSeconds, 0)) problems.push('retryAfterSeconds must be an integer >= 0');
  if (input.latencyMs !== undefined && !isInt(input.latencyMs, 0)) problems.push('latencyMs must be an integer >= 0');
  if (input.sizeMb !== undefined && !(typeof input.sizeMb === 'number' && input.sizeMb > 0 && input.sizeMb <= 512)) problems.push('sizeMb must be a number in (0, 512]');
  if (input.field !== undefined && typeof input.field !== 'string') problems.push('field must be a string');
  if (input.code !== undefined && !isInt(input.code, 0)) problems.push('code must be an integer');
  if (input.message !== undefined && typeof input.message !== 'string') problems.push('message must be a string');
  if (input.afterHandler !== undefined && typeof input.afterHandler !== 'boolean') problems.push('afterHandler must be a boolean');
  return problems;
}
