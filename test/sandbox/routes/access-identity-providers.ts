// Access identity providers (read-only here): `GET /accounts/{a}/access/identity_providers` (page, per_page,
// scim_enabled) and `GET …/identity_providers/{id}`. The seeded Okta provider's id is the reference_id of a
// seeded risk scoring integration. Answers never carry `config.client_secret`.
import { ApiError, ERROR_CODES } from '../envelope';
import { defineFamily, type StoredRecord } from '../family';
import { seedIdentityProviders, type AccessIdentityProviderRecord } from '../seed/access-identity-providers';
import { isJsonObject } from '../validate';
import { docsPage, familyTable, pagedResult, uuidParam, type ApiRoute, type RouteContext } from './route';

const FAMILY = 'accessIdentityProviders';
const PROVIDERS = '/accounts/:accountId/access/identity_providers';
const DOCS = 'zero_trust/subresources/identity_providers';
/** Write-only config fields: stored, never returned. */
const SECRET_FIELDS = ['client_secret'];

/** A provider as the API answers it: the stored fields, the config without its secret. */
export function identityProviderResult(record: StoredRecord): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) =>
      key === 'config' && isJsonObject(value) ? [key, Object.fromEntries(Object.entries(value).filter(([field]) => !SECRET_FIELDS.includes(field)))] : [key, value],
    ),
  );
}

const tableOf = (ctx: RouteContext) => familyTable<AccessIdentityProviderRecord>(ctx, FAMILY);

const routes: ApiRoute[] = [
  {
    method: 'GET',
    permission: 'access',
    pattern: PROVIDERS,
    docs: docsPage(DOCS, 'list'),
    handle: (ctx) => {
      const scim = ctx.query.get('scim_enabled');
      if (scim !== null && scim !== 'true' && scim !== 'false') throw ApiError.of(400, ERROR_CODES.invalidQueryParameter, 'scim_enabled: must be true or false');
      const all = tableOf(ctx).list().filter((p) => scim === null || (p.scim_config?.enabled === true) === (scim === 'true'));
      const page = pagedResult(ctx, all, { fallback: 200, max: 1000 });
      return { ...page, result: (page.result as StoredRecord[]).map(identityProviderResult) };
    },
  },
  {
    method: 'GET',
    permission: 'access',
    pattern: `${PROVIDERS}/:providerId`,
    docs: docsPage(DOCS, 'get'),
    handle: (ctx) => {
      const provider = tableOf(ctx).get(uuidParam(ctx, 'providerId'));
      if (!provider) throw ApiError.notFound('Identity provider');
      return { result: identityProviderResult(provider as unknown as StoredRecord) };
    },
  },
];

export const accessIdentityProviders = defineFamily<AccessIdentityProviderRecord>({
  stream: 'access-identity-providers',
  resource: { type: 'access_identity_provider', product: 'Access', label: 'Access identity provider', path: 'access/identity_providers', updateMethod: 'PUT' },
  present: identityProviderResult,
  writeFields: ['name', 'type', 'config', 'scim_config'],
  seed: seedIdentityProviders,
  routes,
});
