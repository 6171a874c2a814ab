// Access reusable policies (read-only here): `GET /accounts/{a}/access/policies` (page, per_page). Seeded
// policies require or exclude seeded device posture rules with `{device_posture: {integration_uid: <rule id>}}`.
import { defineFamily } from '../family';
import { seedAccessPolicies, type AccessPolicyRecord } from '../seed/access-policies';
import { docsPage, familyTable, pagedResult, type ApiRoute } from './route';

const FAMILY = 'accessPolicies';

const routes: ApiRoute[] = [
  {
    method: 'GET',
    permission: 'access',
    pattern: '/accounts/:accountId/access/policies',
    docs: docsPage('zero_trust/subresources/access/subresources/policies', 'list'),
    handle: (ctx) => pagedResult(ctx, familyTable<AccessPolicyRecord>(ctx, FAMILY).list(), { fallback: 100, max: 1000 }),
  },
];

export const accessPolicies = defineFamily<AccessPolicyRecord>({
  stream: 'access-policies',
  resource: { type: 'access_policy', product: 'Access', label: 'Access policy', path: 'access/policies', updateMethod: 'PUT' },
  stampsUpdatedAt: true,
  seed: seedAccessPolicies,
  routes,
});
