import * as z from 'zod';
import type { AccountContext } from '../../api/types';
import { listAllPages } from './pagedList';

// Access reusable policies (`GET /accounts/{id}/access/policies`, `page` / `per_page` up to 1000). A policy names
// a device posture rule with `{"device_posture": {"integration_uid": "<rule id>"}}` in include, require or exclude:
// the field says integration, the value is a posture rule id (zt-related.md §3). Policies defined inside an
// Access application are not in this list and the API fragment has no endpoint for them.

const selectorList = z.array(z.record(z.string(), z.unknown())).nullish();

export const accessPolicySchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  decision: z.string().optional(),
  include: selectorList,
  require: selectorList,
  exclude: selectorList,
});
export type AccessPolicy = z.output<typeof accessPolicySchema>;

export const CLAUSES = ['include', 'require', 'exclude'] as const;
export type Clause = (typeof CLAUSES)[number];

export function listAccessPolicies(ctx: AccountContext): Promise<AccessPolicy[]> {
  return listAllPages(ctx, 'access/policies', accessPolicySchema, 1000);
}

/** The clauses of a policy that require a posture rule (empty: the policy does not name it). */
export function clausesNamingPostureRule(policy: AccessPolicy, ruleId: string): Clause[] {
  return CLAUSES.filter((clause) => (policy[clause] ?? []).some((selector) => {
    const posture = selector.device_posture;
    return typeof posture === 'object' && posture !== null && (posture as { integration_uid?: unknown }).integration_uid === ruleId;
  }));
}
