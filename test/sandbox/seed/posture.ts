// Seeded device posture integrations of one account, each with a complete, type-correct config. Every
// secret starts with "sbx-" so a test can search any response or log for a leaked one.
import { pick, randomHex, randomInt, randomUuid, type Rng } from '../prng';
import { POSTURE_TYPES, type DevicePostureIntegrationRecord, type PostureType } from '../types';
import { DEFAULT_POSTURE_TYPES, POSTURE_INTERVALS, POSTURE_VENDOR_NAMES, slugOf } from './catalog';

function secret(rng: Rng): string {
  return `sbx-secret-${randomHex(rng, 40)}`;
}

function configFor(type: PostureType, rng: Rng, slug: string): Record<string, string> {
  switch (type) {
    case 'workspace_one':
      return {
        api_url: `https://as${randomInt(rng, 100, 1999)}.awmdm.com/API`,
        auth_url: pick(rng, ['https://na.uemauth.workspaceone.com/connect/token', 'https://emea.uemauth.workspaceone.com/connect/token']),
        client_id: randomHex(rng, 32),
        client_secret: secret(rng),
      };
    case 'crowdstrike_s2s':
      return {
        api_url: pick(rng, ['https://api.crowdstrike.com', 'https://api.us-2.crowdstrike.com', 'https://api.eu-1.crowdstrike.com']),
        customer_id: randomHex(rng, 32).toUpperCase(),
        client_id: randomHex(rng, 32),
        client_secret: secret(rng),
      };
    case 'uptycs':
      return { api_url: `${slug}.uptycs.io`, client_key: `sbx-key-${randomHex(rng, 24)}`, customer_id: randomUuid(rng), client_secret: secret(rng) };
    case 'intune':
      return { customer_id: randomUuid(rng), client_id: randomUuid(rng), client_secret: secret(rng) };
    case 'kolide':
      return { client_id: `k2_${randomHex(rng, 24)}`, client_secret: secret(rng) };
    case 'tanium_s2s':
      return {
        api_url: `https://${slug}-api.cloud.tanium.com/plugin/products/gateway/graphql`,
        client_secret: secret(rng),
        access_client_id: `${randomHex(rng, 32)}.access`,
        access_client_secret: secret(rng),
      };
    case 'sentinelone_s2s':
      return { api_url: `https://${slug}.sentinelone.net`, client_secret: secret(rng) };
    case 'custom_s2s':
      return { api_url: `https://posture.${slug}.example.com/api/v1/devices`, access_client_id: `${randomHex(rng, 32)}.access`, access_client_secret: secret(rng) };
  }
}

/** `items` undefined: 6 integrations in the first account, 4 elsewhere; otherwise exactly `items`, cycling types. */
export function seedPosture(rng: Rng, accountIndex: number, accountName: string, items: number | undefined): Map<string, DevicePostureIntegrationRecord> {
  const slug = slugOf(accountName);
  const curated: readonly PostureType[] = DEFAULT_POSTURE_TYPES[accountIndex % DEFAULT_POSTURE_TYPES.length] ?? POSTURE_TYPES;
  const count = items ?? curated.length;
  const out = new Map<string, DevicePostureIntegrationRecord>();
  for (let i = 0; i < count; i++) {
    const type = curated[i] ?? (POSTURE_TYPES[i % POSTURE_TYPES.length] as PostureType);
    const id = randomUuid(rng);
    const name = i < curated.length ? `${POSTURE_VENDOR_NAMES[type]} (${accountName})` : `${POSTURE_VENDOR_NAMES[type]} ${String(i + 1).padStart(5, '0')}`;
    out.set(id, { id, name, type, interval: pick(rng, POSTURE_INTERVALS), config: configFor(type, rng, slug) });
  }
  return out;
}
