// Seeded DLP profiles and entries of one account: a predefined profile, a custom profile (with exact data,
// word list and fingerprint entries shared into it) and two MIP integration profiles holding the
// integration entries, which are the only DLP records the extension edits.
import type { DlpEntryRecord, DlpProfileRecord } from '../dlp-types';
import { createRng, deriveSeed, pick, randomUuid, type Rng } from '../prng';
import type { DlpIntegrationEntryRecord } from '../types';
import { casbTenantNames, CUSTOM_PROFILE, MIP_LABEL_SETS, MIP_LEVELS, MIP_SCOPES, PREDEFINED_PROFILE } from './catalog';
import { seededTimes } from './timestamps';

export interface SeededDlp {
  entries: Map<string, DlpEntryRecord>;
  profiles: Map<string, DlpProfileRecord>;
}

/** `items` undefined: the hand-picked labels (5 + 3); otherwise exactly `items` integration entries. */
export function seedDlp(rng: Rng, accountIndex: number, accountName: string, items: number | undefined): SeededDlp {
  const seeded: SeededDlp = { entries: new Map(), profiles: new Map() };
  addPredefinedProfile(seeded);
  addCustomProfile(seeded, rng);
  addIntegrationProfiles(seeded, rng, casbTenantNames(accountIndex, accountName), items);
  return seeded;
}

function add(seeded: SeededDlp, profile: DlpProfileRecord, entries: DlpEntryRecord[], shared: DlpEntryRecord[] = []): void {
  profile.entry_ids = entries.map((e) => e.id);
  profile.shared_entry_ids = shared.map((e) => e.id);
  seeded.profiles.set(profile.id, profile);
  for (const entry of [...entries, ...shared]) seeded.entries.set(entry.id, entry);
}

/** Predefined ids come from Cloudflare's global catalog: the same in every account, whatever the seed. */
function addPredefinedProfile(seeded: SeededDlp): void {
  const catalog = createRng(deriveSeed(0, 'predefined-catalog'));
  const profileId = randomUuid(catalog);
  const entries: DlpEntryRecord[] = PREDEFINED_PROFILE.entries.map((name, i) => ({
    id: randomUuid(catalog),
    type: 'predefined',
    name,
    enabled: i % 2 === 0,
    profile_id: profileId,
    confidence: { available: true, ai_context_available: i === 0 },
    variant: { type: 'General', description: `Detects ${name.replace(/ Number$/, '')} numbers.` },
  }));
  add(seeded, { id: profileId, type: 'predefined', name: PREDEFINED_PROFILE.name, description: null, entry_ids: [], shared_entry_ids: [] }, entries);
}

function addCustomProfile(seeded: SeededDlp, rng: Rng): void {
  const profileId = randomUuid(rng);
  const times = seededTimes(rng, 0);
  const entries: DlpEntryRecord[] = CUSTOM_PROFILE.entries.map((entry, i) => ({
    id: randomUuid(rng),
    type: 'custom',
    name: entry.name,
    enabled: true,
    profile_id: profileId,
    ...seededTimes(rng, i + 1),
    description: null,
    pattern: { regex: entry.regex },
  }));
  const shared: DlpEntryRecord[] = [
    { id: randomUuid(rng), type: 'exact_data', name: CUSTOM_PROFILE.exactData, enabled: true, ...seededTimes(rng, 4), description: 'Hashed customer email addresses', secret: true, case_sensitive: true, upload_status: 'complete' },
    { id: randomUuid(rng), type: 'word_list', name: CUSTOM_PROFILE.wordList.name, enabled: true, profile_id: null, ...seededTimes(rng, 5), word_list: [...CUSTOM_PROFILE.wordList.words] },
    { id: randomUuid(rng), type: 'document_fingerprint', name: CUSTOM_PROFILE.documentFingerprint, enabled: false, ...seededTimes(rng, 6), description: null },
  ];
  add(seeded, { id: profileId, type: 'custom', name: CUSTOM_PROFILE.name, description: CUSTOM_PROFILE.description, ...times, entry_ids: [], shared_entry_ids: [] }, entries, shared);
}

/** Hand-picked labels interleaved across the two profiles, so even a small `items` fills both. */
function curatedLabels(): { profile: number; name: string }[] {
  const out: { profile: number; name: string }[] = [];
  const longest = Math.max(...MIP_LABEL_SETS.map((s) => s.length));
  for (let i = 0; i < longest; i++) {
    MIP_LABEL_SETS.forEach((set, profile) => {
      const name = set[i];
      if (name !== undefined) out.push({ profile, name });
    });
  }
  return out;
}

/** Generated entries go to the profile holding fewer, so large seeds split evenly. */
function emptier(perProfile: DlpEntryRecord[][]): number {
  return (perProfile[1]?.length ?? 0) < (perProfile[0]?.length ?? 0) ? 1 : 0;
}

function addIntegrationProfiles(seeded: SeededDlp, rng: Rng, tenants: [string, string], items: number | undefined): void {
  const profiles: DlpProfileRecord[] = tenants.map((tenant, i) => ({
    id: randomUuid(rng),
    type: 'integration',
    name: `MIP Sensitivity Labels ${tenant}`,
    description: `Microsoft Purview sensitivity labels synced from the CASB integration "${tenant}".`,
    ...seededTimes(rng, i),
    entry_ids: [],
    shared_entry_ids: [],
  }));
  const curated = curatedLabels();
  const count = items ?? curated.length;
  const perProfile: DlpEntryRecord[][] = profiles.map(() => []);
  for (let i = 0; i < count; i++) {
    const label = curated[i] ?? { profile: emptier(perProfile), name: `${pick(rng, MIP_LEVELS)} \\ ${pick(rng, MIP_SCOPES)} ${String(i + 1).padStart(5, '0')}` };
    const profile = profiles[label.profile] as DlpProfileRecord;
    const entry: DlpIntegrationEntryRecord = {
      id: randomUuid(rng),
      type: 'integration',
      name: label.name,
      enabled: i < curated.length ? i % 3 !== 1 : rng() < 0.6,
      profile_id: profile.id,
      ...seededTimes(rng, i + profiles.length), // after the profiles themselves
    };
    perProfile[label.profile]?.push(entry);
  }
  profiles.forEach((profile, i) => add(seeded, profile, perProfile[i] ?? []));
}
