// The family registry: every resource family the sandbox serves, in seeding order (a family may read the
// families seeded before it, e.g. posture rules read the posture integrations). Adding a family is one routes
// file (with its definition), one seed file and one line here; the store, the state helpers, the control API,
// the seeding and the audit log pick it up from this list.
import type { RecordOf } from './family';
import { accessIdentityProviders } from './routes/access-identity-providers';
import { accessPolicies } from './routes/access-policies';
import { accountRoutes } from './routes/accounts';
import { auditLogRoutes } from './routes/audit-logs';
import { devicePostureIntegrations } from './routes/device-posture';
import { devicePostureRules } from './routes/device-posture-rules';
import { dlpIntegrationEntries } from './routes/dlp-entries';
import { gatewayRules } from './routes/gateway-rules';
import type { ApiRoute } from './routes/route';
import { riskScoringIntegrations } from './routes/risk-scoring';

export const FAMILY_DEFINITIONS = {
  dlpIntegrationEntries,
  riskScoringIntegrations,
  devicePostureIntegrations,
  devicePostureRules,
  accessIdentityProviders,
  accessPolicies,
  gatewayRules,
} as const;

/** Routes that belong to no family (credentials and accounts, the audit log). */
export const OTHER_ROUTES: readonly ApiRoute[] = [...accountRoutes, ...auditLogRoutes];

export type FamilyName = keyof typeof FAMILY_DEFINITIONS;
export type FamilyRecords = { [F in FamilyName]: RecordOf<(typeof FAMILY_DEFINITIONS)[F]> };
export type FamilyRecord = FamilyRecords[FamilyName];

/** The families, named the same way in the module API, the control routes and the control client. */
export const FAMILIES = Object.keys(FAMILY_DEFINITIONS) as FamilyName[];

export function isFamilyName(value: string): value is FamilyName {
  return Object.prototype.hasOwnProperty.call(FAMILY_DEFINITIONS, value);
}

/** Every API route, families first (in registry order; a family's routes name its resource for the audit log), then the others. */
export function allRoutes(): ApiRoute[] {
  const familyRoutes = Object.values(FAMILY_DEFINITIONS).flatMap((f) => f.routes.map((route) => ({ resource: f.resource, ...route })));
  return [...familyRoutes, ...OTHER_ROUTES];
}
