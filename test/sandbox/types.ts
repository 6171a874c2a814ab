// Record shapes the sandbox stores, shared by the routes, the seed, the module API and the control client.
// Records use the API's own snake_case field names so a test can compare a stored record with a response directly.
// They are type aliases, not interfaces, so they also fit `Record<string, unknown>` where a test wants that.

// The family names and their record types come from the registry (families.ts); re-exported here as types only.
export type { FamilyName, FamilyRecord, FamilyRecords } from './families';

export type DlpIntegrationEntryRecord = {
  id: string;
  type: 'integration';
  name: string;
  enabled: boolean;
  profile_id: string | null;
  created_at: string;
  updated_at: string;
};

export type RiskScoringIntegrationRecord = {
  id: string;
  account_tag: string;
  active: boolean;
  created_at: string;
  integration_type: 'Okta';
  /** Empty string when the client never set one (or cleared it with a PUT that omitted it). */
  reference_id: string;
  tenant_url: string;
  well_known_url: string;
};

export const POSTURE_TYPES = [
  'workspace_one',
  'crowdstrike_s2s',
  'uptycs',
  'intune',
  'kolide',
  'tanium_s2s',
  'sentinelone_s2s',
  'custom_s2s',
] as const;
export type PostureType = (typeof POSTURE_TYPES)[number];

export type DevicePostureIntegrationRecord = {
  id: string;
  name: string;
  type: PostureType;
  interval: string;
  /** The full config as last written, secrets included: the routes strip the secrets from every response. */
  config: Record<string, string>;
};


/**
 * Account features a route may need. `risk_scoring` is an Enterprise Zero Trust feature: an account without it
 * gets 403 / 3314 "Forbidden" on every risk scoring route, as Cloudflare answers.
 */
export const SANDBOX_FEATURES = ['risk_scoring'] as const;
export type SandboxFeature = (typeof SANDBOX_FEATURES)[number];

export interface SandboxAccount {
  id: string;
  name: string;
  type: 'standard' | 'enterprise';
  created_on: string;
  settings: { enforce_twofactor: boolean; abuse_contact_email?: string };
  /** Sandbox bookkeeping, never part of an API answer: the features the account has (enterprise: risk_scoring). */
  features: SandboxFeature[];
}

/**
 * A record a test plants with `state.insert`, stored and listed as it is (unknown types, extra fields, missing
 * fields). `id` is generated when absent.
 */
export type RawRecord = { id?: string; [field: string]: unknown };
/** A planted record as stored: the same object with its id. */
export type StoredRawRecord = { id: string; [field: string]: unknown };

/** The credentials every sandbox accepts out of the box (a sandbox: printing them is fine). */
export interface SandboxCredentials {
  /** User API token reaching every seeded account. */
  userToken: string;
  /** User API token reaching every seeded account that may only read: every write under /accounts/{id}/ is a 403. */
  readOnlyToken: string;
  /**
   * User API token reaching every seeded account with full Zero Trust (and Access) read and write but without
   * "Account Settings Read": the audit log endpoints answer 403 / 10000 with the endpoint's documentation_url.
   */
  noAuditToken: string;
  /** Account-owned API token of the first account only. */
  accountToken: string;
  /** The account that owns `accountToken` (the first account). */
  accountTokenAccountId: string;
  /** Legacy Global API Key reaching every seeded account. */
  globalKey: { email: string; key: string };
}

/** A DLP profile as the state helpers list it (the API's profile endpoints return the full shape). */
export interface DlpProfileSummary {
  id: string;
  name: string;
  type: 'custom' | 'predefined' | 'integration';
  entry_ids: string[];
}
