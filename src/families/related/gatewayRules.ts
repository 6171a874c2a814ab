import * as z from 'zod';
import { accountPath, callForAccount } from '../../api/accountRequest';
import type { AccountContext } from '../../api/types';

// Zero Trust Gateway rules (`GET /accounts/{id}/gateway/rules`, one page). They name posture rules and DLP profiles
// only inside wirefilter expressions (`any(device_posture.checks.passed[*] in {"<rule id>"})`,
// `any(dlp.profiles[*] in {"<profile id>"})`); there is no structured field and no server filter, so an id is
// looked for in the expression text (ids are UUIDs: a match is not a coincidence).

export const gatewayRuleSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  action: z.string().optional(),
  traffic: z.string().nullish(),
  identity: z.string().nullish(),
  device_posture: z.string().nullish(),
});
export type GatewayRule = z.output<typeof gatewayRuleSchema>;

export async function listGatewayRules(ctx: AccountContext): Promise<GatewayRule[]> {
  const { result } = await callForAccount(ctx, { method: 'GET', path: accountPath(ctx.accountId, 'gateway/rules'), result: z.array(gatewayRuleSchema).nullish() });
  return result ?? [];
}

/** Whether any of the rule's expressions (traffic, identity, device posture) quotes the id. */
export function gatewayRuleNames(rule: GatewayRule, id: string): boolean {
  const quoted = JSON.stringify(id);
  return [rule.traffic, rule.identity, rule.device_posture].some((expression) => typeof expression === 'string' && expression.includes(quoted));
}
