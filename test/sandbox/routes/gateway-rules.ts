// Zero Trust Gateway rules (read-only here): `GET /accounts/{a}/gateway/rules`, no paging parameters (the whole
// list is one page). Seeded rules check seeded device posture rules in `device_posture` and one blocks a seeded
// DLP profile in `traffic`.
import { defineFamily } from '../family';
import { seedGatewayRules, type GatewayRuleRecord } from '../seed/gateway-rules';
import { docsPage, familyTable, type ApiRoute } from './route';

const FAMILY = 'gatewayRules';

const routes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: '/accounts/:accountId/gateway/rules',
    docs: docsPage('zero_trust/subresources/gateway/subresources/rules', 'list'),
    handle: (ctx) => {
      const all = familyTable<GatewayRuleRecord>(ctx, FAMILY).list();
      return { result: all, resultInfo: { page: 1, per_page: Math.max(all.length, 20), count: all.length, total_count: all.length } };
    },
  },
];

export const gatewayRules = defineFamily<GatewayRuleRecord>({
  stream: 'gateway-rules',
  resource: { type: 'gateway_rule', product: 'Gateway', label: 'Gateway rule', path: 'gateway/rules', updateMethod: 'PUT' },
  stampsUpdatedAt: true,
  seed: seedGatewayRules,
  routes,
});
