// DLP records as each endpoint returns them: list items are the stored records (with `type`), GET-by-id
// adds `profiles`, the integration create/update responses are `dlp_IntegrationEntry` (no `type`), and
// profiles embed their entries. Responses are serialized at once, so sharing stored objects is safe.
import { DLP_ENTRIES_TABLE, DLP_PROFILES_TABLE, type DlpEntryRecord, type DlpProfileRecord } from '../dlp-types';
import type { AccountTables } from '../store';
import type { DlpIntegrationEntryRecord } from '../types';

export function integrationEntryResult(entry: DlpIntegrationEntryRecord): Omit<DlpIntegrationEntryRecord, 'type'> {
  const { type: _type, ...rest } = entry;
  return { ...rest };
}

/** The profiles an entry belongs to or is shared into: what GET /dlp/entries/{id} reports as `profiles`. */
export function entryWithProfiles(entry: DlpEntryRecord, tables: AccountTables): DlpEntryRecord & { profiles: { id: string; name: string }[] } {
  const profiles: { id: string; name: string }[] = [];
  for (const profile of tables.table<DlpProfileRecord>(DLP_PROFILES_TABLE).values()) {
    if (profile.entry_ids.includes(entry.id) || profile.shared_entry_ids.includes(entry.id)) profiles.push({ id: profile.id, name: profile.name });
  }
  return { ...entry, profiles };
}

function entriesOf(ids: readonly string[], tables: AccountTables): DlpEntryRecord[] {
  const all = tables.table<DlpEntryRecord>(DLP_ENTRIES_TABLE);
  const out: DlpEntryRecord[] = [];
  for (const id of ids) {
    const entry = all.get(id);
    if (entry) out.push(entry);
  }
  return out;
}

/** One `dlp_Profile` variant, with the fields its variant requires and Cloudflare's defaults for the rest. */
export function profileResult(profile: DlpProfileRecord, tables: AccountTables): Record<string, unknown> {
  const entries = entriesOf(profile.entry_ids, tables);
  const shared = entriesOf(profile.shared_entry_ids, tables);
  const base = { id: profile.id, name: profile.name, type: profile.type };
  if (profile.type === 'integration') {
    return { ...base, description: profile.description, created_at: profile.created_at, updated_at: profile.updated_at, entries, shared_entries: shared };
  }
  const detection = {
    allowed_match_count: 0,
    ai_context_enabled: false,
    confidence_threshold: 'low',
    context_awareness: { enabled: false, skip: { files: false } },
    ocr_enabled: false,
  };
  if (profile.type === 'predefined') return { ...base, ...detection, open_access: true, entries };
  return { ...base, description: profile.description, created_at: profile.created_at, updated_at: profile.updated_at, ...detection, entries, shared_entries: shared };
}
