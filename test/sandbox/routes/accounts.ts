// Credential helpers: list the accounts a credential reaches, and verify a user or account-owned token.
// The verify endpoints take API tokens only, and each only its own kind of token.
import type { Principal } from '../auth';
import { ApiError, ERROR_CODES } from '../envelope';
import { apiDocs, type ApiRoute, type RouteContext } from './route';

const VALID_TOKEN_MESSAGE = { code: 10000, message: 'This API Token is valid and active' };

function intParam(ctx: RouteContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw ApiError.of(400, ERROR_CODES.invalidQueryParameter, `${name}: must be an integer from ${min} to ${max}`);
  }
  return value;
}

function listAccounts(ctx: RouteContext) {
  const page = intParam(ctx, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
  const perPage = intParam(ctx, 'per_page', 20, 5, 50);
  const direction = ctx.query.get('direction');
  if (direction !== null && direction !== 'asc' && direction !== 'desc') {
    throw ApiError.of(400, ERROR_CODES.invalidQueryParameter, 'direction: must be asc or desc');
  }
  const name = ctx.query.get('name')?.toLowerCase();
  let accounts = ctx.store.accounts.filter((a) => ctx.principal.reaches(a.id) && (name === undefined || a.name.toLowerCase().includes(name)));
  if (direction !== null) {
    accounts = [...accounts].sort((a, b) => a.name.localeCompare(b.name) * (direction === 'desc' ? -1 : 1));
  }
  const pageItems = accounts.slice((page - 1) * perPage, page * perPage);
  return {
    // `features` is sandbox bookkeeping, not a field of Cloudflare's account object.
    result: pageItems.map(({ features: _features, ...account }) => structuredClone(account)),
    resultInfo: { page, per_page: perPage, count: pageItems.length, total_count: accounts.length },
  };
}

function verifyResult(principal: Principal) {
  const result: { id: string; status: 'active'; expires_on?: string } = { id: principal.tokenId ?? '', status: 'active' };
  if (principal.expiresOn) result.expires_on = principal.expiresOn;
  return { result, messages: [VALID_TOKEN_MESSAGE] };
}

function rejectGlobalKey(principal: Principal): void {
  if (principal.kind === 'globalKey') {
    throw ApiError.of(400, ERROR_CODES.invalidRequestHeaders, 'Invalid request headers: this endpoint accepts only an API token (Authorization: Bearer)');
  }
}

export const accountRoutes: ApiRoute[] = [
  { method: 'GET', pattern: '/accounts', docs: apiDocs('accounts', 'list'), handle: listAccounts },
  {
    method: 'GET',
    pattern: '/user/tokens/verify',
    docs: apiDocs('userTokens', 'verify'),
    handle: (ctx) => {
      rejectGlobalKey(ctx.principal);
      // An account-owned token is invisible to the user endpoint.
      if (ctx.principal.kind !== 'userToken') throw ApiError.of(401, ERROR_CODES.invalidApiToken, 'Invalid API Token');
      return verifyResult(ctx.principal);
    },
  },
  {
    method: 'GET',
    pattern: '/accounts/:accountId/tokens/verify',
    docs: apiDocs('accountTokens', 'verify'),
    ownAccessCheck: true,
    handle: (ctx) => {
      rejectGlobalKey(ctx.principal);
      if (ctx.principal.kind !== 'accountToken' || ctx.principal.ownerAccountId !== ctx.params.accountId) {
        throw ApiError.of(401, ERROR_CODES.invalidApiToken, 'Invalid API Token');
      }
      return verifyResult(ctx.principal);
    },
  },
];
