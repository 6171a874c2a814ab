import type { RiskScoringIntegration } from './riskScoringIntegrations';
import type { FamilyUsedBy, UsedByNoun } from './usedBy';

// A risk scoring integration is tied to an Access identity provider by its `reference_id` (the provider's id, by
// Cloudflare's convention): disabling the integration stops the risk scores of that provider's users.

const IDENTITY_PROVIDER: UsedByNoun = {
  one: 'Access identity provider', many: 'Access identity providers',
  verbOne: 'is tied to it by reference_id', verbMany: 'are tied to it by reference_id',
};

export const riskScoringUsedBy: FamilyUsedBy<RiskScoringIntegration> = {
  lists: [],
  related: ['identityProviders'],
  find: (integration, input) => {
    const reference = integration.reference_id;
    if (!reference) return { groups: [], unchecked: [] };
    const providers = input.related('identityProviders');
    const named = (providers ?? []).filter((provider) => provider.id === reference);
    const entries = named.map((provider) => ({ id: provider.id, name: provider.name || provider.id, ...(provider.type ? { note: provider.type } : {}) }));
    // A reference that names no provider is worth saying: it may point at something the API cannot list.
    const unchecked = providers && entries.length === 0 ? [`reference_id "${reference}" names no Access identity provider of this account.`] : [];
    return { groups: entries.length > 0 ? [{ noun: IDENTITY_PROVIDER, entries, dependent: true }] : [], unchecked };
  },
};
