// What every API route gets and returns. Routes are plain objects in a table per family; the pipeline in
// api.ts does routing, credentials, account access and body parsing before a route runs.
import type { AuditActionType } from '../audit-log';
import type { PermissionGroup, Principal } from '../auth';
import { ApiError, ERROR_CODES, type CfMessage, type ResultInfo } from '../envelope';
import type { PostureConfigShape } from '../posture-config';
import type { AccountTables, FamilyTable, SandboxStore } from '../store';
import type { AuditResource } from '../family';
import type { SandboxFeature } from '../types';
import { isUuid } from '../validate';

export interface RouteContext {
  /** Request path after /client/v4 (for error messages). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  principal: Principal;
  store: SandboxStore;
  /** The account of an /accounts/{account_id}/… route, already checked to exist and be reachable. */
  account?: { id: string; tables: AccountTables };
  postureConfigShape: PostureConfigShape;
}

export interface RouteResult {
  result: unknown;
  resultInfo?: ResultInfo;
  messages?: CfMessage[];
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: string;
  /**
   * The endpoint's API reference page, which lists the permissions it accepts: Cloudflare's contextual 403s
   * carry it as documentation_url (unreachable account, read-only token writing).
   */
  docs: string;
  /** The account feature the route needs; an account without it gets 403 / 3314 on this route. */
  feature?: SandboxFeature;
  /** True when the route itself decides who may call it, instead of the generic "reaches the account" check. */
  ownAccessCheck?: boolean;
  /** The token permission group the route needs (default `zero_trust`); a credential without it gets 403 / 10000. */
  permission?: PermissionGroup;
  /**
   * What the audit log calls the resource (a family's routes get the family's). A successful call of an
   * account-scoped route with a resource is recorded; routes without one (the audit log itself) are not.
   */
  resource?: AuditResource;
  /** The audit action when the method does not say it (GET view, POST create, PUT/PATCH update, DELETE delete). */
  auditAction?: AuditActionType;
  handle(ctx: RouteContext): RouteResult;
}

/** The checked account of an account-scoped route (routes call this instead of repeating the check). */
export function accountOf(ctx: RouteContext): { id: string; tables: AccountTables } {
  if (!ctx.account) throw new Error(`route needs an /accounts/{account_id}/ path`);
  return ctx.account;
}

/** One family's records in the route's (checked) account, live. */
export function familyTable<R extends { id: string }>(ctx: RouteContext, family: string): FamilyTable<R> {
  return ctx.store.table<R>(family, accountOf(ctx).id);
}

/** An integer query parameter from `min` to `max`; absent = `fallback`; anything else is a 400 / 1006. */
export function intQuery(ctx: RouteContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw ApiError.of(400, ERROR_CODES.invalidQueryParameter, `${name}: must be an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * One page of `items` by `page` and `per_page` (Access lists): `result_info` has page, per_page, count,
 * total_count and total_pages. A page past the end is empty.
 */
export function pagedResult<T>(ctx: RouteContext, items: readonly T[], perPage: { fallback: number; max: number }): RouteResult {
  const page = intQuery(ctx, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
  const size = intQuery(ctx, 'per_page', perPage.fallback, 1, perPage.max);
  const result = items.slice((page - 1) * size, page * size);
  return {
    result,
    resultInfo: { page, per_page: size, count: result.length, total_count: items.length, total_pages: Math.ceil(items.length / size) },
  };
}

/** Path parameter that must be a UUID; a malformed one is "object identifier invalid", as Cloudflare answers. */
export function uuidParam(ctx: RouteContext, name: string): string {
  const value = ctx.params[name] ?? '';
  if (!isUuid(value)) throw ApiError.invalidIdentifier(ctx.path);
  return value;
}

/**
 * API reference resources, as developers.cloudflare.com/api names them (the SDK's resource path). The page of
 * one endpoint is `<resource>/methods/<method>/`; it lists the token permissions the endpoint accepts.
 */
export const API_RESOURCES = {
  dlpEntries: 'zero_trust/subresources/dlp/subresources/entries',
  dlpIntegrationEntries: 'zero_trust/subresources/dlp/subresources/entries/subresources/integration',
  dlpProfiles: 'zero_trust/subresources/dlp/subresources/profiles',
  riskScoring: 'zero_trust/subresources/risk_scoring/subresources/integrations',
  riskScoringReferences: 'zero_trust/subresources/risk_scoring/subresources/integrations/subresources/references',
  devicePosture: 'zero_trust/subresources/devices/subresources/posture/subresources/integrations',
  accounts: 'accounts',
  userTokens: 'user/subresources/tokens',
  accountTokens: 'accounts/subresources/tokens',
} as const;

export type ApiMethodName = 'list' | 'get' | 'create' | 'update' | 'edit' | 'delete' | 'verify' | 'history';

/** The API reference page of one endpoint, e.g. apiDocs('devicePosture', 'create'). */
export function apiDocs(resource: keyof typeof API_RESOURCES, method: ApiMethodName): string {
  return docsPage(API_RESOURCES[resource], method);
}

/**
 * The same page for any resource path (a family's routes file names its own, so a new family needs no entry in
 * API_RESOURCES), e.g. docsPage('zero_trust/subresources/devices/subresources/posture', 'create').
 */
export function docsPage(resourcePath: string, method: ApiMethodName): string {
  return `https://developers.cloudflare.com/api/resources/${resourcePath}/methods/${method}/`;
}
