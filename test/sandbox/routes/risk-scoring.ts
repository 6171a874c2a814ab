// Zero Trust risk scoring (Okta) integrations. Create starts them active; PUT overwrites active,
// tenant_url and reference_id together, so an omitted reference_id clears it (to ""); delete answers null.
// Every route needs the account's `risk_scoring` feature (Enterprise Zero Trust): otherwise 403 / 3314.
import { ApiError, ERROR_CODES } from '../envelope';
import { defineFamily } from '../family';
import { seedRisk, wellKnownUrl } from '../seed/risk';
import type { FamilyTable } from '../store';
import type { RiskScoringIntegrationRecord } from '../types';
import { BodyCheck } from '../validate';
import { accountOf, apiDocs, familyTable, uuidParam, type ApiRoute, type RouteContext } from './route';

const FAMILY = 'riskScoringIntegrations';
const INTEGRATIONS = '/accounts/:accountId/zt_risk_scoring/integrations';

type Table = FamilyTable<RiskScoringIntegrationRecord>;

const tableOf = (ctx: RouteContext): Table => familyTable<RiskScoringIntegrationRecord>(ctx, FAMILY);

function find(table: Table, id: string): RiskScoringIntegrationRecord {
  const integration = table.get(id);
  if (!integration) throw ApiError.notFound('Risk score integration');
  return integration;
}

/**
 * reference_id is how an integration is found from its Okta identity provider, so the sandbox keeps it
 * unique per account (an empty one, meaning "none", may repeat).
 */
function assertReferenceFree(table: Table, referenceId: string, selfId?: string): void {
  if (referenceId === '') return;
  for (const other of table.list()) {
    if (other.id !== selfId && other.reference_id === referenceId) {
      throw ApiError.of(409, ERROR_CODES.duplicateReferenceId, `reference_id: another integration (${other.id}) already uses "${referenceId}"`, { source: { pointer: '/reference_id' } });
    }
  }
}

function create(ctx: RouteContext): RiskScoringIntegrationRecord {
  const { id: accountId } = accountOf(ctx);
  const table = tableOf(ctx);
  const check = BodyCheck.object(ctx.body);
  check.onlyKnown(['integration_type', 'tenant_url', 'reference_id'], 'a risk score integration create');
  check.oneOf('integration_type', ['Okta'], true);
  const tenantUrl = check.string('tenant_url', { required: true, format: 'uri' });
  const referenceId = check.string('reference_id', { required: false, nullable: true }) ?? '';
  check.throwIfInvalid();
  assertReferenceFree(table, referenceId);
  const id = ctx.store.newId();
  const integration: RiskScoringIntegrationRecord = {
    id,
    account_tag: accountId,
    active: true,
    created_at: ctx.store.timestamp(),
    integration_type: 'Okta',
    reference_id: referenceId,
    tenant_url: tenantUrl as string,
    well_known_url: wellKnownUrl(id),
  };
  return table.create(integration);
}

function update(ctx: RouteContext): RiskScoringIntegrationRecord {
  const table = tableOf(ctx);
  const integration = find(table, uuidParam(ctx, 'integrationId'));
  const check = BodyCheck.object(ctx.body);
  check.onlyKnown(['active', 'tenant_url', 'reference_id'], 'a risk score integration update');
  const active = check.boolean('active', true);
  const tenantUrl = check.string('tenant_url', { required: true, format: 'uri' });
  const referenceId = check.string('reference_id', { required: false, nullable: true }) ?? '';
  check.throwIfInvalid();
  assertReferenceFree(table, referenceId, integration.id);
  integration.active = active as boolean;
  integration.tenant_url = tenantUrl as string;
  integration.reference_id = referenceId;
  return integration;
}

const FEATURE = 'risk_scoring';

const riskScoringRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: INTEGRATIONS,
    docs: apiDocs('riskScoring', 'list'),
    feature: FEATURE,
    handle: (ctx) => ({ result: tableOf(ctx).list() }),
  },
  { method: 'POST', pattern: INTEGRATIONS, docs: apiDocs('riskScoring', 'create'), feature: FEATURE, handle: (ctx) => ({ result: create(ctx) }) },
  {
    method: 'GET',
    pattern: `${INTEGRATIONS}/:integrationId`,
    docs: apiDocs('riskScoring', 'get'),
    feature: FEATURE,
    handle: (ctx) => ({ result: find(tableOf(ctx), uuidParam(ctx, 'integrationId')) }),
  },
  { method: 'PUT', pattern: `${INTEGRATIONS}/:integrationId`, docs: apiDocs('riskScoring', 'update'), feature: FEATURE, handle: (ctx) => ({ result: update(ctx) }) },
  {
    method: 'DELETE',
    pattern: `${INTEGRATIONS}/:integrationId`,
    docs: apiDocs('riskScoring', 'delete'),
    feature: FEATURE,
    handle: (ctx) => {
      const table = tableOf(ctx);
      table.remove(find(table, uuidParam(ctx, 'integrationId')).id);
      return { result: null };
    },
  },
  {
    method: 'GET',
    pattern: `${INTEGRATIONS}/reference_id/:referenceId`,
    docs: apiDocs('riskScoringReferences', 'get'),
    feature: FEATURE,
    handle: (ctx) => {
      const referenceId = ctx.params.referenceId ?? '';
      const match = tableOf(ctx).list().find((i) => i.reference_id === referenceId);
      if (!match) throw ApiError.notFound('Risk score integration');
      return { result: match };
    },
  },
];

export const riskScoringIntegrations = defineFamily<RiskScoringIntegrationRecord>({
  stream: 'risk',
  resource: { type: 'risk_scoring_integration', product: 'Zero Trust', label: 'risk scoring integration', path: 'zt_risk_scoring/integrations', updateMethod: 'PUT' },
  // An account without risk scoring (Enterprise Zero Trust) has no risk scoring data.
  feature: FEATURE,
  writeFields: ['active', 'tenant_url', 'reference_id'],
  seed: (ctx) => [...seedRisk(ctx.rng, ctx.account.id, ctx.accountIndex, ctx.account.name, ctx.items).values()],
  routes: riskScoringRoutes,
});
