// The in-memory state of every account, and the family-generic helpers tests use to read and change it
// behind the client's back (e.g. "someone else edited this between open and save").
import type { DlpEntryRecord, DlpProfileRecord } from './dlp-types';
import { createRng, deriveSeed, randomUuid, type Rng } from './prng';
import { isoTime } from './seed/timestamps';
import type {
  DevicePostureIntegrationRecord,
  DlpProfileSummary,
  FamilyName,
  FamilyRecord,
  FamilyRecords,
  RawRecord,
  RiskScoringIntegrationRecord,
  SandboxAccount,
  StoredRawRecord,
} from './types';

export interface AccountData {
  dlpEntries: Map<string, DlpEntryRecord>;
  dlpProfiles: Map<string, DlpProfileRecord>;
  riskIntegrations: Map<string, RiskScoringIntegrationRecord>;
  postureIntegrations: Map<string, DevicePostureIntegrationRecord>;
}

export interface SeededWorld {
  accounts: SandboxAccount[];
  data: Map<string, AccountData>;
}

export class UnknownResourceError extends Error {}
export class DuplicateResourceError extends Error {}

export class SandboxStore {
  private world: SeededWorld;
  private idRng: Rng;
  private lastTimestampMs = 0;

  constructor(
    private readonly seedWorld: () => SeededWorld,
    private readonly seed: number,
  ) {
    this.world = seedWorld();
    this.idRng = createRng(deriveSeed(seed, 'runtime-ids'));
  }

  /** Back to the seeded state; ids of resources created afterwards repeat too, which keeps runs comparable. */
  reseed(): void {
    this.world = this.seedWorld();
    this.idRng = createRng(deriveSeed(this.seed, 'runtime-ids'));
  }

  get accounts(): readonly SandboxAccount[] {
    return this.world.accounts;
  }

  account(accountId: string): AccountData | undefined {
    return this.world.data.get(accountId);
  }

  /** The seeded account itself (name, plan, features), undefined when unknown. */
  accountInfo(accountId: string): SandboxAccount | undefined {
    return this.world.accounts.find((a) => a.id === accountId);
  }

  newId(): string {
    return randomUuid(this.idRng);
  }

  /**
   * Now in Cloudflare's form (seconds, `Z`, no milliseconds), but strictly later than the previous call, so two
   * fast writes never share an `updated_at`: several writes within one second run ahead of the clock by a
   * second each.
   */
  timestamp(): string {
    this.lastTimestampMs = Math.max(Math.floor(Date.now() / 1000) * 1000, this.lastTimestampMs + 1000);
    return isoTime(this.lastTimestampMs);
  }

  list<F extends FamilyName>(family: F, accountId: string): FamilyRecords[F][] {
    return structuredClone(familyValues(family, this.require(accountId))) as FamilyRecords[F][];
  }

  getResource<F extends FamilyName>(family: F, accountId: string, id: string): FamilyRecords[F] | undefined {
    const record = familyGet(family, this.require(accountId), id);
    return record ? (structuredClone(record) as FamilyRecords[F]) : undefined;
  }

  /**
   * Shallow-merges `patch` into the record (the id never changes) without any validation, so a test can also
   * plant values the API would refuse. DLP entries get a fresh `updated_at` unless the patch sets one.
   */
  mutate<F extends FamilyName>(family: F, accountId: string, id: string, patch: Partial<FamilyRecords[F]>): FamilyRecords[F] {
    const record = familyGet(family, this.require(accountId), id);
    if (!record) throw new UnknownResourceError(`${family} ${id} not found in account ${accountId}`);
    Object.assign(record, patch, { id: record.id });
    if (family === 'dlpIntegrationEntries' && !('updated_at' in patch)) Object.assign(record, { updated_at: this.timestamp() });
    return structuredClone(record) as FamilyRecords[F];
  }

  /**
   * Stores `record` as it is (a copy), without any check, so a test can plant data the API would never create:
   * an unknown posture `type`, an unknown field, a missing field. The id is generated when absent; an id already
   * used in the family is refused. A DLP record joins the account's entry list (any `type`; only
   * `type: "integration"` ones belong to the family) and the entry list of the profile its `profile_id` names.
   */
  insert(family: FamilyName, accountId: string, record: RawRecord): StoredRawRecord {
    const data = this.require(accountId);
    const id = typeof record.id === 'string' && record.id !== '' ? record.id : this.newId();
    const stored: StoredRawRecord = { ...structuredClone(record), id };
    if (family === 'riskScoringIntegrations') {
      if (data.riskIntegrations.has(id)) throw new DuplicateResourceError(`${family} ${id} already exists in account ${accountId}`);
      data.riskIntegrations.set(id, stored as unknown as RiskScoringIntegrationRecord);
    } else if (family === 'devicePostureIntegrations') {
      if (data.postureIntegrations.has(id)) throw new DuplicateResourceError(`${family} ${id} already exists in account ${accountId}`);
      data.postureIntegrations.set(id, stored as unknown as DevicePostureIntegrationRecord);
    } else {
      if (data.dlpEntries.has(id)) throw new DuplicateResourceError(`DLP entry ${id} already exists in account ${accountId}`);
      data.dlpEntries.set(id, stored as unknown as DlpEntryRecord);
      const profile = typeof stored.profile_id === 'string' ? data.dlpProfiles.get(stored.profile_id) : undefined;
      profile?.entry_ids.push(id);
    }
    return structuredClone(stored);
  }

  /** Deletes behind the client's back (even DLP integration entries, which the API itself never deletes). */
  remove(family: FamilyName, accountId: string, id: string): boolean {
    const data = this.require(accountId);
    if (!familyGet(family, data, id)) return false;
    if (family === 'riskScoringIntegrations') return data.riskIntegrations.delete(id);
    if (family === 'devicePostureIntegrations') return data.postureIntegrations.delete(id);
    data.dlpEntries.delete(id);
    for (const profile of data.dlpProfiles.values()) profile.entry_ids = profile.entry_ids.filter((e) => e !== id);
    return true;
  }

  /** The account's DLP profiles (all types), so a test can resolve a profile id to its name. */
  profiles(accountId: string): DlpProfileSummary[] {
    return [...this.require(accountId).dlpProfiles.values()].map((p) => ({ id: p.id, name: p.name, type: p.type, entry_ids: [...p.entry_ids] }));
  }

  private require(accountId: string): AccountData {
    const data = this.world.data.get(accountId);
    if (!data) throw new UnknownResourceError(`account ${accountId} not found`);
    return data;
  }
}

function familyValues(family: FamilyName, data: AccountData): FamilyRecord[] {
  if (family === 'riskScoringIntegrations') return [...data.riskIntegrations.values()];
  if (family === 'devicePostureIntegrations') return [...data.postureIntegrations.values()];
  return [...data.dlpEntries.values()].filter((e): e is FamilyRecords['dlpIntegrationEntries'] => e.type === 'integration');
}

function familyGet(family: FamilyName, data: AccountData, id: string): FamilyRecord | undefined {
  if (family === 'riskScoringIntegrations') return data.riskIntegrations.get(id);
  if (family === 'devicePostureIntegrations') return data.postureIntegrations.get(id);
  const entry = data.dlpEntries.get(id);
  return entry?.type === 'integration' ? entry : undefined;
}
