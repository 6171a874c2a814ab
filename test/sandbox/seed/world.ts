// Builds the whole seeded state: accounts, then each account's three families from independent PRNG
// streams, so the same seed always gives the same ids and names. Families the account's plan lacks stay empty.
import { createRng, deriveSeed } from '../prng';
import type { AccountData, SeededWorld } from '../store';
import { seedAccounts } from './accounts';
import { seedDlp } from './dlp';
import { seedPosture } from './posture';
import { seedRisk } from './risk';

export interface SeedOptions {
  seed: number;
  /** Undefined: the hand-picked default data; otherwise exactly this many records per family per account. */
  items: number | undefined;
  accountCount: number;
}

export function seedWorld(options: SeedOptions): SeededWorld {
  const accounts = seedAccounts(options.accountCount);
  const data = new Map<string, AccountData>();
  accounts.forEach((account, index) => {
    const stream = (family: string) => createRng(deriveSeed(options.seed, `${account.id}/${family}`));
    const dlp = seedDlp(stream('dlp'), index, account.name, options.items);
    data.set(account.id, {
      dlpEntries: dlp.entries,
      dlpProfiles: dlp.profiles,
      // Risk scoring is an Enterprise Zero Trust feature: an account without it has no risk scoring data.
      riskIntegrations: account.features.includes('risk_scoring') ? seedRisk(stream('risk'), account.id, index, account.name, options.items) : new Map(),
      postureIntegrations: seedPosture(stream('posture'), index, account.name, options.items),
    });
  });
  return { accounts, data };
}
