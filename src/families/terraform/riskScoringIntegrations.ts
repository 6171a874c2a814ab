import type { RiskScoringIntegration } from '../riskScoringIntegrations';
import { accountScopedImportId, type TerraformResourceSpec } from './spec';

// cloudflare_zero_trust_risk_scoring_integration: no secrets. `active` and `reference_id` are optional without a
// default, yet the provider refreshes them from the API: a block that leaves them out plans to null them, so they
// are written whenever Cloudflare has them. account_tag, created_at and well_known_url are computed (not written).

export const riskScoringIntegrationTerraform: TerraformResourceSpec<RiskScoringIntegration> = {
  resourceType: 'cloudflare_zero_trust_risk_scoring_integration',
  attributes: (integration, accountId) => ({
    account_id: accountId,
    integration_type: integration.integration_type,
    tenant_url: integration.tenant_url,
    active: integration.active,
    ...(typeof integration.reference_id === 'string' ? { reference_id: integration.reference_id } : {}),
  }),
  inputs: () => [],
  neverReturned: [],
  importId: accountScopedImportId,
  objectAttributes: [],
  // One tenant can have several integrations; the reference id (when the block sets it) tells them apart.
  matchAttributes: ['tenant_url', 'reference_id'],
};
