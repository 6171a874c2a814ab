import type { DlpIntegrationEntry } from '../dlpEntries';
import { accountScopedImportId, type TerraformResourceSpec } from './spec';

// cloudflare_zero_trust_dlp_integration_entry: the user writes account_id, entry_id, enabled and profile_id; every
// other attribute (name, timestamps, type…) is computed. `entry_id` is the entry's id and the import id's second half;
// the provider never refreshes it (`no_refresh`), so drift cannot compare it. `profile_id` is written only when set:
// the provider stores the live value and would plan a replacement if the block left it out while the entry has one.

export const dlpIntegrationEntryTerraform: TerraformResourceSpec<DlpIntegrationEntry> = {
  resourceType: 'cloudflare_zero_trust_dlp_integration_entry',
  attributes: (entry, accountId) => ({
    account_id: accountId,
    entry_id: entry.id,
    enabled: entry.enabled,
    ...(typeof entry.profile_id === 'string' ? { profile_id: entry.profile_id } : {}),
  }),
  inputs: () => [],
  neverReturned: ['entry_id'],
  importId: accountScopedImportId,
  objectAttributes: [],
  // The entry id is the only thing a block states that names one entry.
  matchAttributes: ['entry_id'],
};
