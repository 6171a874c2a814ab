// Seeded Zero Trust risk scoring (Okta) integrations of one account: a few hand-written ones, one inactive.
import { randomUuid, type Rng } from '../prng';
import type { RiskScoringIntegrationRecord } from '../types';
import { slugOf } from './catalog';
import { isoTime, seededCreatedAt } from './timestamps';

/**
 * The SSF configuration URL Cloudflare hands to Okta, in the form the live API returns: it depends only on the
 * integration id (no account id, no trailing slash).
 */
export function wellKnownUrl(integrationId: string): string {
  return `https://ssf.risk-score.teams.cloudflare.com/.well-known/sse-configuration/${integrationId}`;
}

function defaultTenants(accountIndex: number, slug: string): { tenant: string; active: boolean }[] {
  const tenants = [
    { tenant: `https://${slug}.okta.com`, active: true },
    { tenant: `https://${slug}-staging.oktapreview.com`, active: false },
    { tenant: `https://${slug}.okta-emea.com`, active: true },
  ];
  return accountIndex === 0 ? tenants : tenants.slice(0, 2);
}

/** `items` undefined: 3 integrations in the first account, 2 elsewhere; otherwise exactly `items`. */
export function seedRisk(rng: Rng, accountId: string, accountIndex: number, accountName: string, items: number | undefined): Map<string, RiskScoringIntegrationRecord> {
  const slug = slugOf(accountName);
  const curated = defaultTenants(accountIndex, slug);
  const count = items ?? curated.length;
  const out = new Map<string, RiskScoringIntegrationRecord>();
  for (let i = 0; i < count; i++) {
    const preset = curated[i] ?? { tenant: `https://${slug}-${String(i + 1).padStart(5, '0')}.okta.com`, active: i % 4 !== 1 };
    const id = randomUuid(rng);
    out.set(id, {
      id,
      account_tag: accountId,
      active: preset.active,
      created_at: isoTime(seededCreatedAt(rng, i)),
      integration_type: 'Okta',
      reference_id: randomUuid(rng), // the Access Okta identity provider's id, as the dashboard sets it
      tenant_url: preset.tenant,
      well_known_url: wellKnownUrl(id),
    });
  }
  return out;
}
