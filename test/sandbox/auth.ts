// Who is calling: resolves the credential headers to a principal, in Cloudflare's order of checks
// (missing -> 400, unknown -> 401). Whether the principal reaches an account is a separate 403 check.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError, ERROR_CODES } from './envelope';
import type { SandboxCredentials } from './types';

/** Extra credentials a test can add (`tokens` option). `accountIds` omitted = every seeded account. */
/** `readOnly` tokens read everything they reach and get 403 / 10000 "Forbidden" on every write. */
export type CredentialSpec =
  | { kind: 'userToken'; token: string; accountIds?: string[]; expiresOn?: string; readOnly?: boolean }
  | { kind: 'accountToken'; token: string; accountId: string; expiresOn?: string; readOnly?: boolean }
  | { kind: 'globalKey'; email: string; key: string; accountIds?: string[] };

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
  reaches(accountId: string): boolean;
}

export function defaultCredentials(firstAccountId: string): SandboxCredentials {
  return {
    userToken: 'sandbox-user-token',
    readOnlyToken: 'sandbox-readonly-token',
    accountToken: 'sandbox-account-token',
    accountTokenAccountId: firstAccountId,
    globalKey: { email: 'admin@example.com', key: 'sandbox-global-key' },
  };
}

export function credentialSpecsOf(defaults: SandboxCredentials): CredentialSpec[] {
  return [
    { kind: 'userToken', token: defaults.userToken },
    { kind: 'userToken', token: defaults.readOnlyToken, readOnly: true },
    { kind: 'accountToken', token: defaults.accountToken, accountId: defaults.accountTokenAccountId, expiresOn: '2027-12-31T23:59:59Z' },
    { kind: 'globalKey', email: defaults.globalKey.email, key: defaults.globalKey.key },
  ];
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
    if (spec.kind === 'accountToken') {
      return {
        kind: spec.kind,
        tokenId: tokenIdOf(spec.token),
        expiresOn: spec.expiresOn,
        ownerAccountId: spec.accountId,
        readOnly: spec.readOnly === true,
        reaches: (a) => a === spec.accountId,
      };
    }
    const reachable = new Set(spec.accountIds ?? this.allAccountIds);
    const tokenId = spec.kind === 'userToken' ? tokenIdOf(spec.token) : undefined;
    const expiresOn = spec.kind === 'userToken' ? spec.expiresOn : undefined;
    const readOnly = spec.kind === 'userToken' && spec.readOnly === true;
    return { kind: spec.kind, tokenId, expiresOn, readOnly, reaches: (a) => reachable.has(a) };
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
