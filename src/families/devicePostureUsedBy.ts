import { devicePostureRules, type DevicePostureRule } from './devicePostureRules';
import { APP_POLICIES_UNCHECKED, usersOfPostureRule } from './postureUsers';
import type { ResourceBase } from './family';
import type { FamilyUsedBy, UsedByNoun } from './usedBy';

// Used-by of the two device posture families. An integration is read by the posture rules whose
// `input.connection_id` is its id (no server filter: the rules list, loaded with the account, is filtered here);
// each rule is in turn required by Access policies and checked by Gateway rules (postureUsers.ts).

const POSTURE_RULE: UsedByNoun = { one: 'posture rule', many: 'posture rules', verbOne: 'reads this integration', verbMany: 'read this integration' };

/** The rules list is the rules family's own list; its items are posture rules. */
function rulesOf(list: readonly ResourceBase[]): readonly DevicePostureRule[] {
  return list as readonly DevicePostureRule[];
}

export const integrationUsedBy: FamilyUsedBy<ResourceBase> = {
  lists: [devicePostureRules.id],
  related: ['accessPolicies', 'gatewayRules'],
  find: (integration, input) => {
    const rules = rulesOf(input.list(devicePostureRules.id)).filter((rule) => rule.input?.connection_id === integration.id);
    const entries = rules.map((rule) => ({ id: rule.id, name: devicePostureRules.displayName(rule), users: usersOfPostureRule(rule.id, input) }));
    return {
      groups: entries.length > 0 ? [{ noun: POSTURE_RULE, entries, dependent: true }] : [],
      unchecked: entries.length > 0 ? [APP_POLICIES_UNCHECKED] : [],
    };
  },
};
