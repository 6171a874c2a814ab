// The seeded accounts: two fixed ones ("Acme Corp", enterprise; "Acme Labs", standard) and, on request, more
// with stable ids (every third one enterprise). The plan decides the features (risk scoring: enterprise only).
import { createRng, deriveSeed, randomHex } from '../prng';
import type { SandboxAccount } from '../types';
import { EXTRA_ACCOUNT_NAMES, FIXED_ACCOUNTS, PLAN_FEATURES } from './catalog';
import { isoTime } from './timestamps';

/** Account ids never depend on the data seed, so a test in another process can hard-code them. */
export function seedAccounts(count: number): SandboxAccount[] {
  const accounts: SandboxAccount[] = [];
  for (let i = 0; i < count; i++) {
    const fixed = FIXED_ACCOUNTS[i];
    if (fixed) {
      const settings = fixed.type === 'enterprise' ? { enforce_twofactor: true, abuse_contact_email: 'abuse@acme.example' } : { enforce_twofactor: false };
      accounts.push({ id: fixed.id, name: fixed.name, type: fixed.type, created_on: fixed.created_on, settings, features: [...PLAN_FEATURES[fixed.type]] });
      continue;
    }
    const rng = createRng(deriveSeed(0, `account-${i}`));
    const extra = i - FIXED_ACCOUNTS.length;
    const baseName = EXTRA_ACCOUNT_NAMES[extra % EXTRA_ACCOUNT_NAMES.length] as string;
    const round = Math.floor(extra / EXTRA_ACCOUNT_NAMES.length);
    const type = i % 3 === 0 ? 'enterprise' : 'standard';
    accounts.push({
      id: randomHex(rng, 32),
      name: round === 0 ? baseName : `${baseName} ${round + 1}`,
      type,
      created_on: isoTime(Date.UTC(2020, 0, 1) + i * 86_400_000 * 11),
      settings: { enforce_twofactor: i % 2 === 0 },
      features: [...PLAN_FEATURES[type]],
    });
  }
  return accounts;
}
