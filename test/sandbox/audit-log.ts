// The account audit log (v2 shape): one entry per successful API call under /accounts/{id}/ (GETs as `view`,
// writes as create / update / delete, with the request body and the result), one per change made behind the
// API's back through the state helpers (done by "another admin" in the dashboard), and a few seeded older
// entries. Entries are kept per account in time order; queries filter, then page by an opaque cursor that
// stays valid while new entries arrive.
import { randomHex, type Rng } from './prng';
import { isoTime } from './seed/timestamps';
import { isJsonObject } from './validate';

export type AuditActionType = 'create' | 'update' | 'delete' | 'view';
export const AUDIT_ACTION_TYPES: readonly AuditActionType[] = ['create', 'delete', 'view', 'update'];

export interface AuditActor {
  id: string;
  email?: string;
  type: 'user' | 'account' | 'cloudflare_admin' | 'system';
  context: 'api_token' | 'api_key' | 'dash' | 'oauth' | 'origin_ca_key';
  ip_address?: string;
  token_id?: string;
  token_name?: string;
}

interface AuditEntryFields {
  account: { id: string; name: string };
  action: { type: AuditActionType; result: 'success' | 'failure'; time: string; description: string };
  actor: AuditActor;
  resource: { id?: string; type: string; product: string; request?: Record<string, unknown>; response?: Record<string, unknown> };
  raw: { method: string; uri: string; status_code: number; cf_ray_id: string; user_agent?: string };
}

/** One entry, in the API's shape (`aaa_audit-logs-v2`). A planted entry may hold anything else too. */
export interface AuditEntry extends AuditEntryFields {
  /** 32 hex digits; the history endpoint also takes it in UUID form (8-4-4-4-12). */
  id: string;
  [extra: string]: unknown;
}

/** An entry to record: the log adds the id and `action.time`. */
export type NewAuditEntry = Omit<AuditEntryFields, 'action'> & { action: Omit<AuditEntryFields['action'], 'time'> };

interface Stored {
  seq: number;
  timeMs: number;
  entry: AuditEntry;
}

/**
 * The dashboard user who changes things behind the API's back (control API, seeded history): a different person
 * from the default credentials' users.
 */
export const ANOTHER_ADMIN: AuditActor = {
  id: 'b5f2d8e1c4a7093f6e2d1c8b7a5f4e3d',
  email: 'another.admin@example.com',
  type: 'user',
  context: 'dash',
  ip_address: '198.51.100.23',
};
export const DASHBOARD_USER_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

/** Config fields that never appear in an audit entry's request or response: their value is replaced. */
const SECRET_KEY = /secret|client_key/i;
export const REDACTED = '[redacted]';

/** A deep copy with every secret-looking field's value replaced by "[redacted]". */
export function redacted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redacted);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_KEY.test(key) && typeof inner === 'string' ? REDACTED : redacted(inner)]));
}

/** An object body or result as `resource.request` / `resource.response` hold it (objects only, secrets redacted). */
export function auditObject(value: unknown): Record<string, unknown> | undefined {
  return isJsonObject(value) ? (redacted(value) as Record<string, unknown>) : undefined;
}

/** Ids compare without dashes, case-insensitively: the 32-hex and the UUID form name the same entry. */
export function auditIdKey(id: string): string {
  return id.replace(/-/g, '').toLowerCase();
}

const VERBS: Record<AuditActionType, string> = { view: 'View', create: 'Create', update: 'Update', delete: 'Delete' };

/** `action.description`, e.g. "Update device posture rule". */
export function actionDescription(type: AuditActionType, label: string): string {
  return `${VERBS[type]} ${label}`;
}

/** The UUID form (8-4-4-4-12) of a 32-hex audit entry id. */
export function auditIdAsUuid(id: string): string {
  const hex = auditIdKey(id);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface AuditQuery {
  sinceMs: number;
  beforeMs: number;
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: { timeMs: number; seq: number };
  matches(entry: AuditEntry): boolean;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Present when more entries match after this page. */
  cursor?: string;
}

export function encodeCursor(position: { timeMs: number; seq: number }): string {
  return Buffer.from(JSON.stringify({ t: position.timeMs, s: position.seq })).toString('base64url');
}

/** Undefined when the text is not a cursor this sandbox made. */
export function decodeCursor(text: string): { timeMs: number; seq: number } | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (isJsonObject(value) && Number.isInteger(value.t) && Number.isInteger(value.s)) return { timeMs: value.t as number, seq: value.s as number };
  } catch {
    // not a cursor
  }
  return undefined;
}

/** Most entries kept per account; views of a long test run would otherwise grow without bound. */
const MAX_PER_ACCOUNT = 20_000;

const before = (a: Stored, b: { timeMs: number; seq: number }) => a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);

export class AuditLog {
  private readonly byAccount = new Map<string, Stored[]>();
  private seq = 0;

  constructor(private readonly idRng: Rng) {}

  /** Records an entry at `timeMs` (default now, whole seconds) and returns a copy of it. */
  add(accountId: string, entry: NewAuditEntry, timeMs = Math.floor(Date.now() / 1000) * 1000): AuditEntry {
    const full: AuditEntry = { id: randomHex(this.idRng, 32), ...entry, action: { ...entry.action, time: isoTime(timeMs) } };
    this.store(accountId, { seq: ++this.seq, timeMs, entry: full });
    return structuredClone(full);
  }

  /**
   * Stores a planted entry as it is (id generated when absent; `action.time` read for ordering, now when it is
   * missing or not a time), so a test can show the client entries the sandbox never writes.
   */
  insertRaw(accountId: string, raw: Record<string, unknown>): AuditEntry {
    const entry = structuredClone(raw) as AuditEntry;
    if (typeof entry.id !== 'string' || entry.id === '') entry.id = randomHex(this.idRng, 32);
    const parsed = isJsonObject(entry.action) && typeof entry.action.time === 'string' ? Date.parse(entry.action.time) : Number.NaN;
    const timeMs = Number.isNaN(parsed) ? Math.floor(Date.now() / 1000) * 1000 : parsed;
    this.store(accountId, { seq: ++this.seq, timeMs, entry });
    return structuredClone(entry);
  }

  /** Copies, oldest first. */
  list(accountId: string): AuditEntry[] {
    return (this.byAccount.get(accountId) ?? []).map((s) => structuredClone(s.entry));
  }

  /** The entry with this id (32-hex or UUID form) whose time is within the same second as `timeMs`. */
  find(accountId: string, id: string, timeMs: number): AuditEntry | undefined {
    const key = auditIdKey(id);
    const second = Math.floor(timeMs / 1000);
    const found = (this.byAccount.get(accountId) ?? []).find((s) => auditIdKey(String(s.entry.id)) === key && Math.floor(s.timeMs / 1000) === second);
    return found?.entry;
  }

  query(accountId: string, query: AuditQuery): AuditPage {
    const all = this.byAccount.get(accountId) ?? [];
    const ordered = query.direction === 'asc' ? all : [...all].reverse();
    const after = query.cursor;
    const out: Stored[] = [];
    let more = false;
    for (const stored of ordered) {
      if (stored.timeMs < query.sinceMs || stored.timeMs >= query.beforeMs) continue;
      if (after && (query.direction === 'asc' ? !before(after as Stored, stored) : !before(stored, after))) continue;
      if (!query.matches(stored.entry)) continue;
      if (out.length === query.limit) {
        more = true;
        break;
      }
      out.push(stored);
    }
    const last = out[out.length - 1];
    return { entries: out.map((s) => structuredClone(s.entry)), ...(more && last ? { cursor: encodeCursor(last) } : {}) };
  }

  private store(accountId: string, stored: Stored): void {
    let entries = this.byAccount.get(accountId);
    if (!entries) {
      entries = [];
      this.byAccount.set(accountId, entries);
    }
    // Time order; almost every entry is the newest, so search from the end.
    let at = entries.length;
    while (at > 0 && before(stored, entries[at - 1] as Stored)) at--;
    entries.splice(at, 0, stored);
    if (entries.length > MAX_PER_ACCOUNT) entries.splice(0, entries.length - MAX_PER_ACCOUNT);
  }
}

/** Fields a write body never carries (read-only in the API): left out of the request of a change made outside it. */
const READ_ONLY_FIELDS = new Set(['id', 'created_at', 'updated_at', 'account_tag', 'well_known_url', 'enabled', 'identifier', 'schema', 'test_results', 'version', 'deleted_at', 'read_only', 'sharable', 'warning_status', 'app_count', 'reusable', 'profiles']);

/**
 * The body a client would have sent to put a resource in this state: its answer limited to `fields`, or without
 * the read-only fields when the family names none.
 */
export function writeBodyOf(presented: unknown, fields?: readonly string[]): Record<string, unknown> | undefined {
  if (!isJsonObject(presented)) return undefined;
  const keep = (key: string) => (fields ? fields.includes(key) : !READ_ONLY_FIELDS.has(key));
  return auditObject(Object.fromEntries(Object.entries(presented).filter(([key]) => keep(key))));
}

/** A cf-ray id for a change that did not come through this sandbox's HTTP front (dashboard, seed). */
export function foreignRay(rng: Rng): string {
  return `${randomHex(rng, 16)}-DFW`;
}
