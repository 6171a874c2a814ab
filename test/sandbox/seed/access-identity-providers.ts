// Seeded Access identity providers of one account: an Okta provider whose id is the `reference_id` of the
// account's first risk scoring integration (the dashboard links them that way; its `okta_account` is that
// integration's tenant) and an Entra ID (Azure AD) provider. Accounts without risk scoring still get an Okta
// provider, under an id of its own. Secrets start with "sbx-" and are never returned.
import type { SeedContext } from '../family';
import { randomHex, randomUuid, type Rng } from '../prng';
import type { RiskScoringIntegrationRecord } from '../types';
import { slugOf } from './catalog';

/** The provider types the sandbox seeds (the API knows 15: `access_idp_type`). */
export type IdentityProviderType = 'okta' | 'azureAD' | 'github' | 'onetimepin';

export type AccessIdentityProviderRecord = {
  id: string;
  name: string;
  type: IdentityProviderType;
  /** As stored, `client_secret` included: answers drop it. */
  config: Record<string, unknown>;
  scim_config: { enabled: boolean; identity_update_behavior: 'automatic' | 'reauth' | 'no_action'; seat_deprovision: boolean; user_deprovision: boolean };
};

const secret = (rng: Rng) => `sbx-idp-secret-${randomHex(rng, 32)}`;

function okta(rng: Rng, id: string, name: string, tenant: string): AccessIdentityProviderRecord {
  return {
    id,
    name,
    type: 'okta',
    config: {
      client_id: `0oa${randomHex(rng, 17)}`,
      client_secret: secret(rng),
      okta_account: tenant,
      authorization_server_id: `aus${randomHex(rng, 17)}`,
      claims: ['groups'],
      email_claim_name: 'email',
    },
    scim_config: { enabled: true, identity_update_behavior: 'automatic', seat_deprovision: false, user_deprovision: true },
  };
}

function entra(rng: Rng, name: string): AccessIdentityProviderRecord {
  return {
    id: randomUuid(rng),
    name,
    type: 'azureAD',
    config: {
      client_id: randomUuid(rng),
      client_secret: secret(rng),
      directory_id: randomUuid(rng),
      support_groups: true,
      conditional_access_enabled: false,
      prompt: 'select_account',
      claims: [],
      email_claim_name: 'email',
    },
    scim_config: { enabled: false, identity_update_behavior: 'no_action', seat_deprovision: false, user_deprovision: false },
  };
}

function other(rng: Rng, type: 'github' | 'onetimepin', name: string): AccessIdentityProviderRecord {
  const config = type === 'github' ? { client_id: randomHex(rng, 20), client_secret: secret(rng) } : {};
  return { id: randomUuid(rng), name, type, config, scim_config: { enabled: false, identity_update_behavior: 'no_action', seat_deprovision: false, user_deprovision: false } };
}

/**
 * `items` undefined: the Okta and the Entra ID provider; otherwise exactly `items`, the same two first, then
 * generated ones (Okta ones take the reference id of the risk integration at their position, when there is one).
 */
export function seedIdentityProviders(ctx: SeedContext): AccessIdentityProviderRecord[] {
  const { rng, account } = ctx;
  const slug = slugOf(account.name);
  const risks = ctx.seeded('riskScoringIntegrations') as unknown as RiskScoringIntegrationRecord[];
  const linkedOkta = (index: number, name: string) => {
    const risk = risks[index];
    const id = risk && risk.reference_id !== '' ? risk.reference_id : randomUuid(rng);
    return okta(rng, id, name, risk?.tenant_url ?? `https://${slug}.okta.com`);
  };
  const count = ctx.items ?? 2;
  const out: AccessIdentityProviderRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 0) out.push(linkedOkta(0, `${account.name} Okta`));
    else if (i === 1) out.push(entra(rng, `${account.name} Entra ID`));
    else {
      const name = `Identity provider ${String(i + 1).padStart(5, '0')}`;
      const kind = i % 4;
      out.push(kind === 0 ? linkedOkta(i, name) : kind === 1 ? entra(rng, name) : other(rng, kind === 2 ? 'github' : 'onetimepin', name));
    }
  }
  return out;
}
