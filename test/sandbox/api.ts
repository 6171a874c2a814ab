// The API pipeline, in Cloudflare's order: route (404/405) -> credential (400/401) -> account access
// (404 malformed id / 403) -> write permission (403 for a read-only token) -> permission group (403 for a
// token without it) -> account feature (403 / 3314) -> JSON body (400) -> route handler -> audit entry (every
// success under /accounts/{id}/ on a route naming a resource). Returns a response object; writing it, and any
// fault, is the server's job.
import type { IncomingHttpHeaders } from 'node:http';
import { actionDescription, auditObject, type AuditActionType } from './audit-log';
import type { CredentialRegistry, Principal } from './auth';
import { ApiError, ERROR_CODES, failureEnvelope, successEnvelope, type Envelope } from './envelope';
import type { PostureConfigShape } from './posture-config';
import type { ApiRoute, RouteContext } from './routes/route';
import { Router } from './router';
import type { SandboxStore } from './store';

export interface ApiRequest {
  method: string;
  /** Path after /client/v4. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The cf-ray id the response will carry (the audit entry names it); absent = none. */
  rayId?: string;
}

export interface ApiResponse {
  status: number;
  body: Envelope;
  headers: Record<string, string>;
}

const ACCOUNT_ID = /^[0-9a-f]{32}$/;
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ACTION_OF_METHOD: Record<string, AuditActionType> = { GET: 'view', POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

export class ApiHandler {
  private readonly router = new Router<ApiRoute>();

  constructor(
    private readonly store: SandboxStore,
    private readonly credentials: CredentialRegistry,
    private readonly postureConfigShape: PostureConfigShape,
    routes: readonly ApiRoute[],
  ) {
    for (const route of routes) {
      this.router.add(route.method, route.pattern, route);
    }
  }

  handle(request: ApiRequest): ApiResponse {
    const response = this.answer(request);
    if (request.rayId !== undefined) response.headers = { ...response.headers, 'cf-ray': request.rayId };
    return response;
  }

  private answer(request: ApiRequest): ApiResponse {
    try {
      return this.run(request);
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: { ...failureEnvelope(error.errors), ...error.envelopeExtra }, headers: error.headers };
      // A sandbox bug: say so plainly rather than dropping the connection.
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: failureEnvelope([{ code: ERROR_CODES.unknownError, message: `Sandbox internal error: ${message}` }]), headers: {} };
    }
  }

  private run(request: ApiRequest): ApiResponse {
    const lookup = this.router.lookup(request.method, request.path);
    if (lookup.kind === 'notFound') throw ApiError.of(404, ERROR_CODES.noRoute, 'No route for that URI');
    if (lookup.kind === 'methodNotAllowed') {
      const error = ApiError.of(405, ERROR_CODES.methodNotAllowed, `Method ${request.method} not allowed for this route (allowed: ${lookup.allowed.join(', ')})`);
      throw new ApiError(405, error.errors, { allow: lookup.allowed.join(', ') });
    }
    const route = lookup.handler;
    const principal = this.credentials.authenticate(request.headers);
    const ctx: RouteContext = {
      path: request.path,
      params: lookup.params,
      query: request.query,
      body: undefined,
      principal,
      store: this.store,
      postureConfigShape: this.postureConfigShape,
    };
    const accountId = lookup.params.accountId;
    if (accountId !== undefined) {
      if (!ACCOUNT_ID.test(accountId)) throw ApiError.invalidIdentifier(request.path);
      if (!route.ownAccessCheck) {
        ctx.account = { id: accountId, tables: this.reachableAccount(accountId, principal, route) };
        this.checkPermission(request.method, principal, route);
        this.checkPermissionGroup(principal, route);
        this.checkFeature(accountId, route);
      }
    }
    if (METHODS_WITH_BODY.has(request.method.toUpperCase())) ctx.body = parseJsonBody(request.rawBody);
    const out = route.handle(ctx);
    if (ctx.account && route.resource) this.recordAudit(request, route, ctx, out.result);
    return { status: 200, body: successEnvelope(out.result, out.resultInfo, out.messages), headers: {} };
  }

  /**
   * The audit entry of a successful call: GETs are views (no request or response kept), writes keep the body
   * and the result (secrets redacted). The resource id is the result's id, else the route's last id parameter.
   */
  private recordAudit(request: ApiRequest, route: ApiRoute, ctx: RouteContext, result: unknown): void {
    const resource = route.resource;
    const account = ctx.account;
    if (!resource || !account) return;
    const method = request.method.toUpperCase();
    const type = route.auditAction ?? ACTION_OF_METHOD[method] ?? 'view';
    const resultId = result !== null && typeof result === 'object' && !Array.isArray(result) && typeof (result as { id?: unknown }).id === 'string' ? (result as { id: string }).id : undefined;
    const paramId = Object.entries(ctx.params).filter(([name]) => name !== 'accountId').map(([, value]) => value).pop();
    const id = resultId ?? paramId;
    const query = request.query.toString();
    const userAgent = request.headers['user-agent'];
    this.store.audit.add(account.id, {
      account: { id: account.id, name: this.store.accountInfo(account.id)?.name ?? '' },
      action: { type, result: 'success', description: actionDescription(type, resource.label) },
      actor: structuredClone(ctx.principal.actor),
      resource: {
        ...(id !== undefined ? { id } : {}),
        type: resource.type,
        product: resource.product,
        ...(type !== 'view' && auditObject(ctx.body) ? { request: auditObject(ctx.body) } : {}),
        ...(type !== 'view' && auditObject(result) ? { response: auditObject(result) } : {}),
      },
      raw: {
        method,
        uri: `/client/v4${request.path}${query ? `?${query}` : ''}`,
        status_code: 200,
        cf_ray_id: request.rayId ?? '',
        ...(typeof userAgent === 'string' ? { user_agent: userAgent } : {}),
      },
    });
  }

  /** Unknown and unreachable accounts look the same from outside: 403, as Cloudflare answers both. */
  private reachableAccount(accountId: string, principal: Principal, route: ApiRoute) {
    const tables = this.store.account(accountId);
    if (!tables || !principal.reaches(accountId)) {
      throw ApiError.of(403, ERROR_CODES.authenticationError, 'Authentication error', { documentation_url: route.docs });
    }
    return tables;
  }

  /** A read-only token reads everything it reaches; a write is "Forbidden", pointing at the endpoint's page. */
  private checkPermission(method: string, principal: Principal, route: ApiRoute): void {
    if (principal.readOnly && WRITE_METHODS.has(method.toUpperCase())) {
      throw ApiError.of(403, ERROR_CODES.authenticationError, 'Forbidden', { documentation_url: route.docs });
    }
  }

  /** A route of a permission group the credential lacks (the no-audit token on the audit log): "Forbidden" with the endpoint's page. */
  private checkPermissionGroup(principal: Principal, route: ApiRoute): void {
    if (!principal.permissions.has(route.permission ?? 'zero_trust')) {
      throw ApiError.of(403, ERROR_CODES.authenticationError, 'Forbidden', { documentation_url: route.docs });
    }
  }

  /** A feature the account's plan lacks (risk scoring outside Enterprise): 403 / 3314, no documentation_url. */
  private checkFeature(accountId: string, route: ApiRoute): void {
    if (route.feature && !this.store.accountInfo(accountId)?.features.includes(route.feature)) {
      throw ApiError.of(403, ERROR_CODES.featureNotEnabled, 'Forbidden');
    }
  }
}

function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw ApiError.of(400, ERROR_CODES.malformedJson, 'Malformed JSON in request body');
  }
}
