import type { DlpIntegrationEntry } from './dlpEntries';
import { profileHoldsEntry } from './related/dlpProfileEntries';
import { gatewayRuleNames } from './related/gatewayRules';
import type { FamilyUsedBy, UsedByNoun } from './usedBy';

// A DLP integration entry is in one or more DLP profiles (its own, and those it is shared into). The profiles hold
// it either way (context); what changes when it is disabled is what the Gateway rules that match those profiles
// (`dlp.profiles[*] in {"<profile id>"}` in `traffic`) detect.

const PROFILE: UsedByNoun = { one: 'DLP profile', many: 'DLP profiles', verbOne: 'holds this entry', verbMany: 'hold this entry' };
const GATEWAY_RULE: UsedByNoun = { one: 'Gateway rule', many: 'Gateway rules', verbOne: 'matches those profiles', verbMany: 'match those profiles' };

export const dlpUsedBy: FamilyUsedBy<DlpIntegrationEntry> = {
  lists: [],
  related: ['dlpProfiles', 'gatewayRules'],
  find: (entry, input) => {
    const rules = input.related('gatewayRules') ?? [];
    const profiles = (input.related('dlpProfiles') ?? []).filter((profile) => profileHoldsEntry(profile, entry.id));
    const entries = profiles.map((profile) => {
      const gateway = rules.filter((rule) => gatewayRuleNames(rule, profile.id)).map((rule) => ({ id: rule.id, name: rule.name || rule.id }));
      return { id: profile.id, name: profile.name, users: gateway.length > 0 ? [{ noun: GATEWAY_RULE, entries: gateway, dependent: true }] : [] };
    });
    return { groups: entries.length > 0 ? [{ noun: PROFILE, entries, dependent: false }] : [], unchecked: [] };
  },
};
