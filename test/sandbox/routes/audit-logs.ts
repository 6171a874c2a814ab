// Account audit logs (v2): `GET /accounts/{a}/logs/audit` and `GET /accounts/{a}/logs/audit/{id}/history`.
// Both need "Account Settings Read" (the no-audit token gets 403 / 10000), `since` and `before` (a date, or an
// RFC 3339 time; 400 when missing), and page by `limit` (1–1000, default 100) and the opaque `cursor` of
// `result_info`. The list takes the array filters (repeat a parameter for several values; `<name>.not` to
// exclude); history returns the create / update / delete entries of the resource the given entry names.
// Reading the audit log is not itself logged, so paging through it is stable.
import { AUDIT_ACTION_TYPES, auditIdKey, decodeCursor, type AuditEntry, type AuditQuery } from '../audit-log';
import { ApiError, ERROR_CODES } from '../envelope';
import { isJsonObject } from '../validate';
import { accountOf, docsPage, type ApiRoute, type RouteContext } from './route';

const DOCS = 'accounts/subresources/logs/subresources/audit';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const AUDIT_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Product categories and the `resource.product` values each stands for (the sandbox's products are all Zero Trust). */
const PRODUCT_CATEGORIES: Record<string, readonly string[]> = { zerotrust: ['zero trust', 'access', 'gateway'] };

function badQuery(message: string): ApiError {
  return ApiError.of(400, ERROR_CODES.invalidQueryParameter, message);
}

/** A time parameter: a date (00:00 UTC) when `dateAllowed`, or an RFC 3339 time. */
function timeParam(ctx: RouteContext, name: string, dateAllowed: boolean): number {
  const raw = ctx.query.get(name);
  const form = dateAllowed ? 'a date (2026-11-30) or an RFC 3339 time' : 'an RFC 3339 time (2026-11-30T12:00:00Z)';
  if (raw === null || raw === '') throw badQuery(`${name}: is required (${form})`);
  const ms = (dateAllowed && DATE.test(raw)) || DATE_TIME.test(raw) ? Date.parse(DATE.test(raw) ? `${raw}T00:00:00Z` : raw) : Number.NaN;
  if (Number.isNaN(ms)) throw badQuery(`${name}: must be ${form}`);
  return ms;
}

function paging(ctx: RouteContext): Pick<AuditQuery, 'sinceMs' | 'beforeMs' | 'direction' | 'limit' | 'cursor'> {
  const sinceMs = timeParam(ctx, 'since', true);
  const beforeMs = timeParam(ctx, 'before', true);
  const direction = ctx.query.get('direction') ?? 'desc';
  if (direction !== 'asc' && direction !== 'desc') throw badQuery('direction: must be asc or desc');
  const rawLimit = ctx.query.get('limit');
  const limit = rawLimit === null ? 100 : Number(rawLimit);
  if (rawLimit !== null && (rawLimit.trim() === '' || !Number.isInteger(limit) || limit < 1 || limit > 1000)) throw badQuery('limit: must be an integer from 1 to 1000');
  const rawCursor = ctx.query.get('cursor');
  const cursor = rawCursor === null || rawCursor === '' ? undefined : decodeCursor(rawCursor);
  if (rawCursor !== null && rawCursor !== '' && !cursor) throw badQuery('cursor: not a cursor this API returned (use result_info.cursor)');
  return { sinceMs, beforeMs, direction, limit, ...(cursor ? { cursor } : {}) };
}

const field = (value: unknown, key: string): unknown => (isJsonObject(value) ? value[key] : undefined);

/** The list's filters: parameter name -> the entry's value it compares, and the values it accepts (when closed). */
const FILTERS: Record<string, { read: (e: AuditEntry) => unknown; values?: readonly string[]; normalize?: (v: string) => string }> = {
  id: { read: (e) => e.id, normalize: auditIdKey },
  audit_log_id: { read: (e) => e.id, normalize: auditIdKey },
  account_name: { read: (e) => field(e.account, 'name') },
  action_result: { read: (e) => field(e.action, 'result'), values: ['success', 'failure'] },
  action_type: { read: (e) => field(e.action, 'type'), values: AUDIT_ACTION_TYPES },
  actor_context: { read: (e) => field(e.actor, 'context'), values: ['api_key', 'api_token', 'dash', 'oauth', 'origin_ca_key'] },
  actor_email: { read: (e) => field(e.actor, 'email'), normalize: (v) => v.toLowerCase() },
  actor_id: { read: (e) => field(e.actor, 'id') },
  actor_ip_address: { read: (e) => field(e.actor, 'ip_address') },
  actor_token_id: { read: (e) => field(e.actor, 'token_id') },
  actor_token_name: { read: (e) => field(e.actor, 'token_name') },
  actor_type: { read: (e) => field(e.actor, 'type'), values: ['account', 'cloudflare_admin', 'system', 'user'] },
  raw_cf_ray_id: { read: (e) => field(e.raw, 'cf_ray_id') },
  raw_method: { read: (e) => field(e.raw, 'method'), normalize: (v) => v.toUpperCase() },
  raw_status_code: { read: (e) => field(e.raw, 'status_code') },
  raw_uri: { read: (e) => field(e.raw, 'uri') },
  resource_id: { read: (e) => field(e.resource, 'id') },
  resource_product: { read: (e) => field(e.resource, 'product'), normalize: (v) => v.toLowerCase() },
  resource_type: { read: (e) => field(e.resource, 'type') },
  // Every entry the sandbox writes is about an account's resources.
  resource_scope: { read: () => 'accounts', values: ['accounts', 'user', 'zones', 'memberships'] },
  zone_id: { read: (e) => field(e.zone, 'id') },
  zone_name: { read: (e) => field(e.zone, 'name') },
};

/** The filters of one list request, checked: an entry must match every filter given (any of its values). */
function listFilter(ctx: RouteContext): (entry: AuditEntry) => boolean {
  const tests: ((entry: AuditEntry) => boolean)[] = [];
  for (const [name, filter] of Object.entries(FILTERS)) {
    for (const negated of [false, true]) {
      const param = negated ? `${name}.not` : name;
      const values = ctx.query.getAll(param);
      if (values.length === 0) continue;
      if (filter.values) {
        const wrong = values.find((v) => !filter.values?.includes(v));
        if (wrong !== undefined) throw badQuery(`${param}: ${JSON.stringify(wrong)} is not one of ${filter.values.join(', ')}`);
      }
      if (name === 'resource_product' && !negated) continue; // unioned with product_category below
      const normalize = filter.normalize ?? ((v: string) => v);
      const wanted = new Set(values.map(normalize));
      tests.push((entry) => {
        const value = filter.read(entry);
        const hit = value !== undefined && value !== null && wanted.has(normalize(String(value)));
        return negated ? !hit : hit;
      });
    }
  }
  const products = ctx.query.getAll('resource_product').map((p) => p.toLowerCase());
  for (const category of ctx.query.getAll('product_category')) {
    const members = PRODUCT_CATEGORIES[category.toLowerCase()];
    if (!members) throw badQuery(`product_category: unknown category ${JSON.stringify(category)} (known: ${Object.keys(PRODUCT_CATEGORIES).join(', ')})`);
    products.push(...members);
  }
  if (products.length > 0) {
    const wanted = new Set(products);
    tests.push((entry) => wanted.has(String(field(entry.resource, 'product') ?? '').toLowerCase()));
  }
  return (entry) => tests.every((test) => test(entry));
}

/** History 404s always say the history is unavailable, as the spec's not-found answer does. */
function historyNotFound(code: number, message: string): ApiError {
  return new ApiError(404, [{ code, message }], {}, { result_info: { count: 0, history_status: 'unavailable' } });
}

export const auditLogRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: '/accounts/:accountId/logs/audit',
    docs: docsPage(DOCS, 'list'),
    permission: 'account_settings',
    handle: (ctx) => {
      const query = { ...paging(ctx), matches: listFilter(ctx) };
      const page = ctx.store.audit.query(accountOf(ctx).id, query);
      return { result: page.entries, resultInfo: { count: String(page.entries.length), ...(page.cursor ? { cursor: page.cursor } : {}) } };
    },
  },
  {
    method: 'GET',
    pattern: '/accounts/:accountId/logs/audit/:auditId/history',
    docs: docsPage(DOCS, 'history'),
    permission: 'account_settings',
    handle: (ctx) => {
      const auditId = ctx.params.auditId ?? '';
      if (!AUDIT_ID.test(auditId)) throw historyNotFound(ERROR_CODES.invalidObjectIdentifier, `Could not route to ${ctx.path}, perhaps your object identifier is invalid?`);
      const actionTimeMs = timeParam(ctx, 'action_time', false);
      const query = paging(ctx);
      const accountId = accountOf(ctx).id;
      const source = ctx.store.audit.find(accountId, auditId, actionTimeMs);
      if (!source) throw historyNotFound(ERROR_CODES.resourceNotFound, 'Audit log entry not found (no entry with this id at action_time)');
      const resourceId = field(source.resource, 'id');
      const resourceType = field(source.resource, 'type');
      if (typeof resourceId !== 'string' || resourceId === '') return { result: [], resultInfo: { count: 0, history_status: 'unavailable' } };
      const page = ctx.store.audit.query(accountId, {
        ...query,
        matches: (e) => field(e.resource, 'id') === resourceId && field(e.resource, 'type') === resourceType && field(e.action, 'type') !== 'view',
      });
      return { result: page.entries, resultInfo: { count: page.entries.length, ...(page.cursor ? { cursor: page.cursor } : {}), history_status: 'exact' } };
    },
  },
];
