import * as z from 'zod';
import type { AccountContext } from '../api/types';
import { accountPath, callForAccount } from '../api/accountRequest';
import { fastChecked } from '../api/fastCheck';
import { booleanField, httpUrlField, MAX_TEXT_LENGTH, readOnlyField } from './fields';
import { validateBody } from './validation';
import type { FamilyDescriptor } from './family';
import { riskScoringUsedBy } from './riskScoringUsedBy';
import { placeholderFor } from './templates';

// Zero Trust risk scoring integrations: user risk scores exported to Okta over the Shared Signals
// Framework. Update is a PUT that overwrites `active`, `tenant_url` and `reference_id` together, so a
// toggle must echo the other two. `active` cannot be set on create (new integrations start active).

/** The only integration type Cloudflare offers today. */
export const RISK_INTEGRATION_TYPES = ['Okta'] as const;

const tenantUrl = () => httpUrlField('tenant_url', 'The base URL of the Okta tenant.', 'https://acme.okta.com');
const referenceId = () =>
  z.string({ error: 'reference_id must be text (in quotes), or null to clear it' }).max(MAX_TEXT_LENGTH, { error: `reference_id is too long: at most ${MAX_TEXT_LENGTH} characters` }).nullable().optional().describe(
    'A reference chosen by you; set it to the id of the Access Okta identity provider so the integration can be found from it. Omitting it on update clears it.',
  );

export const riskScoringIntegrationSchema = z
  .looseObject({
    id: readOnlyField(z.string(), 'The id of the integration (UUIDv4).'),
    account_tag: readOnlyField(z.string(), 'The Cloudflare account tag.'),
    active: z.boolean().describe('Whether changes in user risk score are exported to the tenant.'),
    created_at: readOnlyField(z.string(), 'When the integration was created (RFC 3339).'),
    // Read as a plain string so a type Cloudflare adds later still lists; create accepts only known ones.
    integration_type: readOnlyField(z.string(), 'The identity provider type; only "Okta" exists today.'),
    reference_id: z.string().nullish().describe('A reference chosen by the client, usually the Access Okta identity provider id.'),
    tenant_url: z.string().describe('The base URL of the tenant, e.g. "https://tenant.okta.com".'),
    well_known_url: readOnlyField(z.string(), 'The Shared Signals Framework configuration URL to give to Okta.'),
  })
  .meta({ title: 'Risk scoring integration', description: 'Exports Zero Trust user risk scores to an Okta tenant.' });
export type RiskScoringIntegration = z.output<typeof riskScoringIntegrationSchema>;

export const riskScoringCreateSchema = z
  .strictObject({
    integration_type: z.enum(RISK_INTEGRATION_TYPES, { error: `integration_type must be one of: ${RISK_INTEGRATION_TYPES.join(', ')}` }).describe('The identity provider to send risk scores to.'),
    tenant_url: tenantUrl(),
    reference_id: referenceId(),
  })
  .meta({ title: 'New risk scoring integration', description: 'New integrations start active.' });
export type RiskScoringCreate = z.output<typeof riskScoringCreateSchema>;

export const riskScoringUpdateSchema = z
  .strictObject({
    active: booleanField('active', 'Whether changes in user risk score are exported to the tenant.'),
    tenant_url: tenantUrl(),
    reference_id: referenceId(),
  })
  .meta({ title: 'Update a risk scoring integration', description: 'Overwrites active, tenant_url and reference_id together.' });
export type RiskScoringUpdate = z.output<typeof riskScoringUpdateSchema>;

/** The editor's document: the resource, with the three writable fields typed as the update takes them. */
const riskScoringEditSchema = z
  .looseObject({
    ...riskScoringIntegrationSchema.shape,
    active: riskScoringUpdateSchema.shape.active,
    tenant_url: tenantUrl(),
    reference_id: referenceId(),
  })
  .meta({ title: 'Risk scoring integration (editor)', description: 'Saving sends active, tenant_url and reference_id; the other fields are read-only.' });

const INTEGRATIONS = 'zt_risk_scoring/integrations';

/** The list as zod checks it, without zod copying every item (see fastCheck.ts); built once. */
const integrationListSchema = fastChecked(z.array(riskScoringIntegrationSchema).nullish());

export async function listRiskScoringIntegrations(ctx: AccountContext): Promise<RiskScoringIntegration[]> {
  const { result } = await callForAccount(ctx, {
    method: 'GET', path: accountPath(ctx.accountId, INTEGRATIONS), result: integrationListSchema, reuseSameAnswer: true,
  });
  return result ?? [];
}

export async function getRiskScoringIntegration(ctx: AccountContext, integrationId: string): Promise<RiskScoringIntegration> {
  const { result } = await callForAccount(ctx, {
    method: 'GET', path: accountPath(ctx.accountId, INTEGRATIONS, integrationId), result: riskScoringIntegrationSchema,
  });
  return result;
}

/** GET …/integrations/reference_id/{reference_id}: the integration tied to, say, an Access Okta identity provider. */
export async function getRiskScoringIntegrationByReferenceId(ctx: AccountContext, reference: string): Promise<RiskScoringIntegration> {
  const { result } = await callForAccount(ctx, {
    method: 'GET', path: accountPath(ctx.accountId, `${INTEGRATIONS}/reference_id`, reference), result: riskScoringIntegrationSchema,
  });
  return result;
}

export async function createRiskScoringIntegration(ctx: AccountContext, body: RiskScoringCreate): Promise<RiskScoringIntegration> {
  const sent = validateBody(riskScoringCreateSchema, body, 'risk scoring integration create body');
  const { result } = await callForAccount(ctx, {
    method: 'POST', path: accountPath(ctx.accountId, INTEGRATIONS), body: sent, result: riskScoringIntegrationSchema,
  });
  return result;
}

/** PUT: a full overwrite of active, tenant_url and reference_id (an omitted reference_id is cleared). */
export async function updateRiskScoringIntegration(ctx: AccountContext, integrationId: string, body: RiskScoringUpdate): Promise<RiskScoringIntegration> {
  const sent = validateBody(riskScoringUpdateSchema, body, 'risk scoring integration update body');
  const { result } = await callForAccount(ctx, {
    method: 'PUT', path: accountPath(ctx.accountId, INTEGRATIONS, integrationId), body: sent, result: riskScoringIntegrationSchema,
  });
  return result;
}

export async function deleteRiskScoringIntegration(ctx: AccountContext, integrationId: string): Promise<void> {
  // The result is null or {}; nothing in it is worth parsing.
  await callForAccount(ctx, { method: 'DELETE', path: accountPath(ctx.accountId, INTEGRATIONS, integrationId), result: z.unknown() });
}

/**
 * `http(s)://` and a lower-case DNS name whose last label starts with a letter, then `/`, `?`, `#` or the end:
 * for these `new URL(url).host` is exactly the matched name (no port, user info, IPv4 or IDNA (`xn--`) to
 * normalise or refuse),
 * so the tree, which names thousands of rows per refresh, need not parse each URL.
 */
const PLAIN_HOST = /^https?:\/\/(?![^/?#]*xn--)((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?)(?=[/?#]|$)/;

/** The tenant's host name ("acme.okta.com"), or the URL as it is when it does not parse. */
export function tenantHost(url: string): string {
  const plain = PLAIN_HOST.exec(url);
  if (plain?.[1]) return plain[1];
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

export const riskScoringIntegrations: FamilyDescriptor<RiskScoringIntegration, RiskScoringCreate, RiskScoringUpdate, 'riskScoringIntegrations'> = {
  id: 'riskScoringIntegrations',
  title: 'Risk scoring integrations',
  singular: 'risk scoring integration',
  viewName: 'Risk Scoring Integrations',
  create: { command: 'newRiskScoringIntegration', title: 'New risk scoring integration' },
  lookups: [{
    command: 'findRiskScoringByReferenceId',
    title: 'Find risk scoring integration by reference ID',
    prompt: 'Reference ID (for Okta, the ID of the Access identity provider)',
    find: getRiskScoringIntegrationByReferenceId,
  }],
  schemas: { resource: riskScoringIntegrationSchema, create: riskScoringCreateSchema, update: riskScoringUpdateSchema, edit: riskScoringEditSchema },
  updateMethod: 'PUT',
  readOnlyFields: ['id', 'account_tag', 'created_at', 'integration_type', 'well_known_url'],
  writeOnlyFields: () => [],
  toggleField: 'active',
  canDelete: true,
  templateVariants: [],
  // The host is a placeholder the apply check refuses, while the URL still passes the schema.
  createTemplate: () => ({ integration_type: 'Okta', tenant_url: `https://${placeholderFor('your_tenant')}.okta.com`, reference_id: null }),
  // The PUT overwrites all three fields: echo tenant_url and reference_id, or the toggle would clear them.
  toggleBody: (integration, value) => ({ active: value, tenant_url: integration.tenant_url, reference_id: integration.reference_id ?? null }),
  // The tenant is what a person knows the integration by; the reference id (a UUID) follows in the description.
  displayName: (integration) => tenantHost(integration.tenant_url),
  operations: {
    list: listRiskScoringIntegrations,
    get: getRiskScoringIntegration,
    create: createRiskScoringIntegration,
    update: updateRiskScoringIntegration,
    remove: deleteRiskScoringIntegration,
  },
  editableFields: ['active', 'tenant_url', 'reference_id'],
  documentSuffix: 'risk-scoring',
  // State first, then the provider; the reference id (which tells two integrations of one tenant apart) last, short.
  describe: (integration) => ({
    text: `${integration.active ? 'active' : 'inactive'} · ${integration.integration_type}${integration.reference_id ? ` · ref ${shortReference(integration.reference_id)}` : ''}`,
    on: integration.active,
  }),
  routes: [INTEGRATIONS],
  usedBy: riskScoringUsedBy,
  access: {
    readPermission: 'Zero Trust Read',
    writePermission: 'Zero Trust Write',
    featureName: 'Risk scoring',
    featureRequirement: 'Enterprise Zero Trust',
    learnMoreUrl: 'https://developers.cloudflare.com/cloudflare-one/insights/risk-score/',
  },
  // Third-party evidence only (API.md §6): the Okta identity provider holds the "Send risk score" switch.
  dashboardPath: 'integrations/identity-providers',
};

/** A reference id as a row shows it: UUIDs cut to their first block, other references up to 24 characters. */
function shortReference(reference: string): string {
  return reference.length > 24 ? `${reference.slice(0, 8)}…` : reference;
}
