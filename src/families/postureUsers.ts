import { clausesNamingPostureRule } from './related/accessPolicies';
import { gatewayRuleNames } from './related/gatewayRules';
import type { ResourceBase } from './family';
import type { FamilyUsedBy, UsedByGroup, UsedByInput, UsedByNoun } from './usedBy';

// What requires a device posture rule: the Access reusable policies that name it in include / require / exclude,
// and the Gateway rules whose expressions check it. Shared by the rules' own used-by and the integrations'
// (an integration is used through the rules that read it).

export const ACCESS_POLICY: UsedByNoun = { one: 'Access policy', many: 'Access policies', verbOne: 'requires them', verbMany: 'require them' };
export const GATEWAY_RULE: UsedByNoun = { one: 'Gateway rule', many: 'Gateway rules', verbOne: 'checks them', verbMany: 'check them' };

/** Said wherever posture rules are looked up in policies: the API cannot list application-scoped ones. */
export const APP_POLICIES_UNCHECKED = 'Access application policies are not checked: the API fragment has no endpoint for them (only reusable policies are listed).';

/** The policies and Gateway rules that name a posture rule (groups with no entries left out). */
export function usersOfPostureRule(ruleId: string, input: UsedByInput): UsedByGroup[] {
  const policies = (input.related('accessPolicies') ?? []).flatMap((policy) => {
    const clauses = clausesNamingPostureRule(policy, ruleId);
    return clauses.length > 0 ? [{ id: policy.id, name: policy.name || policy.id, note: clauses.join(', ') }] : [];
  });
  const gateway = (input.related('gatewayRules') ?? []).filter((rule) => gatewayRuleNames(rule, ruleId))
    .map((rule) => ({ id: rule.id, name: rule.name || rule.id, ...(rule.enabled === false ? { note: 'disabled' } : {}) }));
  return [
    { noun: ACCESS_POLICY, entries: policies, dependent: true },
    { noun: GATEWAY_RULE, entries: gateway, dependent: true },
  ].filter((group) => group.entries.length > 0);
}

/** A rule's own users: the same policies and Gateway rules, one level up. */
export const ruleUsedBy: FamilyUsedBy<ResourceBase> = {
  lists: [],
  related: ['accessPolicies', 'gatewayRules'],
  find: (rule, input) => ({
    groups: usersOfPostureRule(rule.id, input).map((group) => ({
      ...group,
      noun: group.noun === ACCESS_POLICY ? { ...ACCESS_POLICY, verbOne: 'requires this rule', verbMany: 'require this rule' } : { ...GATEWAY_RULE, verbOne: 'checks this rule', verbMany: 'check this rule' },
    })),
    unchecked: [APP_POLICIES_UNCHECKED],
  }),
};
