// Who is calling: resolves the credential headers to a principal, in Cloudflare's order of checks
// (missing -> 400, unknown -> 401). Whether the principal reaches an account is a separate 403 check.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AuditActor } from './audit-log';
import { ApiError, ERROR_CODES } from './envelope';
import type { SandboxCredentials } from './types';

/**
 * Token permission groups, as far as the sandbox tells them apart: `zero_trust` (Zero Trust Read / Write: DLP,
 * risk scoring, device posture, Gateway), `access` (the Access permission groups: identity providers, policies)
 * and `account_settings` (Account Settings Read: the audit log).
 */
export const PERMISSION_GROUPS = ['zero_trust', 'access', 'account_settings'] as const;
export type PermissionGroup = (typeof PERMISSION_GROUPS)[number];

/**
 * Extra credentials a test can add (`tokens` option). `accountIds` omitted = every seeded account. `readOnly`
 * tokens read everything they reach and get 403 / 10000 "Forbidden" on every write. `permissions` omitted =
 * every group; a route of a group the credential lacks is 403 / 10000 "Forbidden". `email` is the user the
 * audit log names as the actor (default admin@example.com); `name` the token's name there.
 */
export type CredentialSpec =
  | { kind: 'userToken'; token: string; accountIds?: string[]; expiresOn?: string; readOnly?: boolean; permissions?: PermissionGroup[]; email?: string; name?: string }
  | { kind: 'accountToken'; token: string; accountId: string; expiresOn?: string; readOnly?: boolean; permissions?: PermissionGroup[]; name?: string }
  | { kind: 'globalKey'; email: string; key: string; accountIds?: string[]; permissions?: PermissionGroup[] };

export type AuthKind = 'token' | 'globalKey' | 'none';

export interface Principal {
  kind: CredentialSpec['kind'];
  /** Token id as the verify endpoints report it (tokens only); never the token itself. */
  tokenId?: string;
  expiresOn?: string;
  /** Account-owned tokens only. */
  ownerAccountId?: string;
  /** A token without write permission (POST / PUT / PATCH / DELETE under /accounts/{id}/ are refused). */
  readOnly: boolean;
  /** The permission groups it has. */
  permissions: ReadonlySet<PermissionGroup>;
  /** Who the audit log names for this credential's calls. */
  actor: AuditActor;
  reaches(accountId: string): boolean;
}

/** The user behind the default user token and the Global API Key. */
export const DEFAULT_USER_EMAIL = 'admin@example.com';

export function defaultCredentials(firstAccountId: string): SandboxCredentials {
  return {
    userToken: 'sandbox-user-token',
    readOnlyToken: 'sandbox-readonly-token',
    noAuditToken: 'sandbox-no-audit-token',
    accountToken: 'sandbox-account-token',
    accountTokenAccountId: firstAccountId,
    globalKey: { email: DEFAULT_USER_EMAIL, key: 'sandbox-global-key' },
  };
}

export function credentialSpecsOf(defaults: SandboxCredentials): CredentialSpec[] {
  return [
    { kind: 'userToken', token: defaults.userToken, email: DEFAULT_USER_EMAIL, name: 'Sandbox user token' },
    { kind: 'userToken', token: defaults.readOnlyToken, readOnly: true, email: 'viewer@example.com', name: 'Sandbox read-only token' },
    // Full Zero Trust and Access read and write, but no Account Settings Read: the audit log is a 403.
    { kind: 'userToken', token: defaults.noAuditToken, permissions: ['zero_trust', 'access'], email: 'developer@example.com', name: 'Sandbox no-audit token' },
    { kind: 'accountToken', token: defaults.accountToken, accountId: defaults.accountTokenAccountId, expiresOn: '2027-12-31T23:59:59Z', name: 'Sandbox account token' },
    { kind: 'globalKey', email: defaults.globalKey.email, key: defaults.globalKey.key },
  ];
}

/** A stable 32-hex id for a user or account, as audit entries name actors. */
function actorIdOf(seed: string): string {
  return createHash('sha256').update(`actor:${seed}`).digest('hex').slice(0, 32);
}

/** Who the audit log names for a credential's calls. */
export function actorOf(spec: CredentialSpec): AuditActor {
  if (spec.kind === 'globalKey') return { id: actorIdOf(spec.email.toLowerCase()), email: spec.email, type: 'user', context: 'api_key', ip_address: '127.0.0.1' };
  const token = { token_id: tokenIdOf(spec.token), token_name: spec.name ?? 'API token' };
  if (spec.kind === 'accountToken') return { id: actorIdOf(spec.accountId), type: 'account', context: 'api_token', ip_address: '127.0.0.1', ...token };
  const email = spec.email ?? DEFAULT_USER_EMAIL;
  return { id: actorIdOf(email.toLowerCase()), email, type: 'user', context: 'api_token', ip_address: '127.0.0.1', ...token };
}

/** The default user token's actor (seeded history names it). */
export function defaultUserActor(): AuditActor {
  return actorOf(credentialSpecsOf(defaultCredentials(''))[0] as CredentialSpec);
}

/** Which kind of credential the request carries, whether or not it is valid (for the request log). */
export function authKindOf(headers: IncomingHttpHeaders): AuthKind {
  if (headers.authorization !== undefined) return 'token';
  if (headers['x-auth-key'] !== undefined || headers['x-auth-email'] !== undefined) return 'globalKey';
  return 'none';
}

/** A stable 32-hex id for a token, so the verify endpoints never echo the token. */
export function tokenIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 32);
}

export class CredentialRegistry {
  constructor(
    private readonly specs: readonly CredentialSpec[],
    private readonly allAccountIds: readonly string[],
  ) {}

  authenticate(headers: IncomingHttpHeaders): Principal {
    const authorization = headers.authorization;
    if (authorization !== undefined) return this.bearer(authorization);
    const email = single(headers['x-auth-email']);
    const key = single(headers['x-auth-key']);
    if (email === undefined || key === undefined || email === '' || key === '') {
      throw ApiError.of(400, ERROR_CODES.missingCredentials, 'Missing X-Auth-Key, X-Auth-Email or Authorization headers');
    }
    const spec = this.specs.find((s) => s.kind === 'globalKey' && s.email.toLowerCase() === email.toLowerCase() && s.key === key);
    if (!spec) throw ApiError.of(401, ERROR_CODES.unknownGlobalKey, 'Unknown X-Auth-Key or X-Auth-Email');
    return this.principalOf(spec);
  }

  private bearer(authorization: string): Principal {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw ApiError.of(400, ERROR_CODES.invalidAuthorizationHeader, 'Invalid format for Authorization header');
    const token = match[1] as string;
    const spec = this.specs.find((s) => s.kind !== 'globalKey' && s.token === token);
    if (!spec) throw ApiError.of(401, ERROR_CODES.invalidApiToken, 'Invalid API Token');
    return this.principalOf(spec);
  }

  private principalOf(spec: CredentialSpec): Principal {
    const permissions = new Set<PermissionGroup>(spec.permissions ?? PERMISSION_GROUPS);
    const actor = actorOf(spec);
    if (spec.kind === 'accountToken') {
      return {
        kind: spec.kind,
        tokenId: tokenIdOf(spec.token),
        expiresOn: spec.expiresOn,
        ownerAccountId: spec.accountId,
        readOnly: spec.readOnly === true,
        permissions,
        actor,
        reaches: (a) => a === spec.accountId,
      };
    }
    const reachable = new Set(spec.accountIds ?? this.allAccountIds);
    const tokenId = spec.kind === 'userToken' ? tokenIdOf(spec.token) : undefined;
    const expiresOn = spec.kind === 'userToken' ? spec.expiresOn : undefined;
    const readOnly = spec.kind === 'userToken' && spec.readOnly === true;
    return { kind: spec.kind, tokenId, expiresOn, readOnly, permissions, actor, reaches: (a) => reachable.has(a) };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
