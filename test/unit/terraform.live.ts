// Live resources for the Terraform tests, written by hand in the shapes Cloudflare returns (see the sandbox's seeds):
// device posture configs without secrets, risk scoring integrations with their computed fields, DLP integration
// entries without the list-only fields, posture rules with an input per type.
import type { DevicePostureRule } from '../../src/families/devicePostureRules';
import type { PostureIntegration } from '../../src/families/devicePostureSchemas';
import type { DlpIntegrationEntry } from '../../src/families/dlpEntries';
import type { RiskScoringIntegration } from '../../src/families/riskScoringIntegrations';

export const ACCOUNT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const OTHER_ACCOUNT = 'ffeeddccbbaa99887766554433221100';

/** One integration of each of the eight types. Cloudflare shows only the non-secret part of each config. */
export const POSTURE: Record<string, PostureIntegration> = {
  workspace_one: {
    id: '1f0e6a52-3a41-4c1e-9d7e-0a1b2c3d4e01', name: 'Corp Workspace ONE', type: 'workspace_one', interval: '10m',
    config: { api_url: 'https://as1288.awmdm.com/API', auth_url: 'https://na.uemauth.workspaceone.com/connect/token', client_id: '4f1c0a9be2d34e6f8a7b6c5d4e3f2a1b' },
  },
  crowdstrike_s2s: {
    id: '2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c02', name: 'Corp CrowdStrike', type: 'crowdstrike_s2s', interval: '1h',
    // As the live API answers: customer_id is not returned.
    config: { api_url: 'https://api.us-2.crowdstrike.com', client_id: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b' },
  },
  uptycs: {
    id: '3b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d03', name: 'Uptycs (Acme)', type: 'uptycs', interval: '6h',
    // As the sandbox answers: the customer id is shown when stored.
    config: { api_url: 'acme.uptycs.io', customer_id: '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b' },
  },
  intune: {
    id: '4c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e04', name: 'Intune', type: 'intune', interval: '24h',
    config: { client_id: '7d6c5b4a-3f2e-4d1c-9b0a-8f7e6d5c4b3a', customer_id: '0f1e2d3c-4b5a-4968-8776-655443322110' },
  },
  kolide: {
    id: '5d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f05', name: 'Kolide', type: 'kolide', interval: '15m',
    config: { client_id: 'k2_3f4e5d6c7b8a9f0e1d2c3b4a' },
  },
  tanium_s2s: {
    id: '6e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a06', name: 'Tanium', type: 'tanium_s2s', interval: '30m',
    config: { api_url: 'https://acme-api.cloud.tanium.com/plugin/products/gateway/graphql', access_client_id: '88bf3b6d86161464f6509f7219099e57.access' },
  },
  sentinelone_s2s: {
    id: '7f5a6b7c-8d9e-4f0a-9b2c-3d4e5f6a7b07', name: 'SentinelOne', type: 'sentinelone_s2s', interval: '5m',
    config: { api_url: 'https://acme.sentinelone.net' },
  },
  custom_s2s: {
    id: '8a6b7c8d-9e0f-4a1b-8c3d-4e5f6a7b8c08', name: 'Custom posture service', type: 'custom_s2s', interval: '12h',
    // The Access client id is never returned either.
    config: { api_url: 'https://posture.acme.example.com/api/v1/devices' },
  },
};

export const RISK: Record<string, RiskScoringIntegration> = {
  active: {
    id: '9b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d10', account_tag: ACCOUNT, active: true, created_at: '2025-03-04T10:11:12.000Z',
    integration_type: 'Okta', reference_id: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f5', tenant_url: 'https://acme.okta.com',
    well_known_url: 'https://ssf.risk-score.teams.cloudflare.com/.well-known/sse-configuration/9b7c8d9e-0f1a-4b2c-9d4e-5f6a7b8c9d10',
  },
  inactiveWithoutReference: {
    id: 'ac8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e11', account_tag: ACCOUNT, active: false, created_at: '2025-05-06T07:08:09.000Z',
    integration_type: 'Okta', reference_id: null, tenant_url: 'https://acme-staging.oktapreview.com',
    well_known_url: 'https://ssf.risk-score.teams.cloudflare.com/.well-known/sse-configuration/ac8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e11',
  },
};

export const DLP: Record<string, DlpIntegrationEntry> = {
  inProfile: {
    id: 'bd9e0f1a-2b3c-4d4e-9f6a-7b8c9d0e1f12', name: 'Confidential \\ Finance', enabled: true,
    created_at: '2025-01-02T03:04:05Z', updated_at: '2025-06-07T08:09:10Z', profile_id: 'ce0f1a2b-3c4d-4e5f-8a7b-8c9d0e1f2a13',
  },
  withoutProfile: {
    id: 'df1a2b3c-4d5e-4f6a-9b8c-9d0e1f2a3b14', name: 'Highly Confidential', enabled: false,
    created_at: '2025-01-02T03:04:05Z', updated_at: '2025-01-02T03:04:05Z', profile_id: null,
  },
};

export const RULES: Record<string, DevicePostureRule> = {
  crowdstrike: {
    id: 'e02b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c15', name: 'Corp laptops — CrowdStrike ZTA ≥ 60', type: 'crowdstrike_s2s',
    description: 'Company laptops need a CrowdStrike Zero Trust Assessment score of at least 60.', schedule: '5m', enabled: true,
    match: [{ platform: 'windows' }, { platform: 'mac' }],
    input: { connection_id: '2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c02', overall: '60', operator: '>=' },
  },
  diskEncryption: {
    id: 'f13c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d16', name: 'Disk encryption on', type: 'disk_encryption', schedule: '5m', expiration: '1h',
    enabled: true, match: [{ platform: 'windows' }, { platform: 'mac' }], input: { requireAll: true, checkDisks: [] },
  },
  tanium: {
    id: '024d5e6f-7a8b-4c9d-8e1f-2a3b4c5d6e17', name: 'Tanium — risk score below 70', type: 'tanium_s2s', enabled: true,
    match: [{ platform: 'windows' }], input: { connection_id: '6e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a06', total_score: 70, scoreOperator: '<', risk_level: 'medium', operator: '<=' },
  },
  warp: { id: '135e6f7a-8b9c-4d0e-9f2a-3b4c5d6e7f18', name: 'WARP client connected', type: 'warp', description: null, schedule: '5m', enabled: true },
};
