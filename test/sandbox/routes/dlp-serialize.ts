// DLP records as each endpoint returns them: list items are the stored records (with `type`), GET-by-id
// adds `profiles`, the integration create/update responses are `dlp_IntegrationEntry` (no `type`), and
// profiles embed their entries. Responses are serialized at once, so sharing stored objects is safe.
import type { DlpEntryRecord, DlpProfileRecord } from '../dlp-types';
import type { AccountData } from '../store';
import type { DlpIntegrationEntryRecord } from '../types';

export function integrationEntryResult(entry: DlpIntegrationEntryRecord): Omit<DlpIntegrationEntryRecord, 'type'> {
  const { type: _type, ...rest } = entry;
  return { ...rest };
}

/** The profiles an entry belongs to or is shared into: what GET /dlp/entries/{id} reports as `profiles`. */
export function entryWithProfiles(entry: DlpEntryRecord, data: AccountData): DlpEntryRecord & { profiles: { id: string; name: string }[] } {
  const profiles: { id: string; name: string }[] = [];
  for (const profile of data.dlpProfiles.values()) {
    if (profile.entry_ids.includes(entry.id) || profile.shared_entry_ids.includes(entry.id)) profiles.push({ id: profile.id, name: profile.name });
  }
  return { ...entry, profiles };
}

function entriesOf(ids: readonly string[], data: AccountData): DlpEntryRecord[] {
  const out: DlpEntryRecord[] = [];
  for (const id of ids) {
    const entry = data.dlpEntries.get(id);
    if (entry) out.push(entry);
  }
  return out;
}

/** One `dlp_Profile` variant, with the fields its variant requires and Cloudflare's defaults for the rest. */
export function profileResult(profile: DlpProfileRecord, data: AccountData): Record<string, unknown> {
  const entries = entriesOf(profile.entry_ids, data);
  const shared = entriesOf(profile.shared_entry_ids, data);
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
