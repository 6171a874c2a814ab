// The DLP entry and profile shapes around the integration entries. Only integration entries are a "family"
// the extension edits, but the entry and profile lists carry every type, as Cloudflare's do.
import type { DlpIntegrationEntryRecord } from './types';

/** The DLP family's table holds every entry type (the API lists them all); the family is its integration entries. */
export const DLP_ENTRIES_TABLE = 'dlpIntegrationEntries';
/** Side table of the DLP family: the profiles that own the entries. */
export const DLP_PROFILES_TABLE = 'dlpProfiles';

export interface DlpCustomEntryRecord {
  id: string;
  type: 'custom';
  name: string;
  enabled: boolean;
  profile_id: string | null;
  created_at: string;
  updated_at: string;
  description: string | null;
  pattern: { regex: string; validation?: 'luhn' };
}

/** Predefined entries come from Cloudflare's static catalog: no timestamps. */
export interface DlpPredefinedEntryRecord {
  id: string;
  type: 'predefined';
  name: string;
  enabled: boolean;
  profile_id: string | null;
  confidence: { available: boolean; ai_context_available: boolean };
  variant: { type: 'General'; description: string | null };
}

export interface DlpExactDataEntryRecord {
  id: string;
  type: 'exact_data';
  name: string;
  enabled: boolean;
  created_at: string;
  updated_at: string;
  description: string | null;
  secret: boolean;
  case_sensitive: boolean;
  upload_status: 'complete';
}

export interface DlpWordListEntryRecord {
  id: string;
  type: 'word_list';
  name: string;
  enabled: boolean;
  profile_id: string | null;
  created_at: string;
  updated_at: string;
  word_list: string[];
}

export interface DlpDocumentFingerprintEntryRecord {
  id: string;
  type: 'document_fingerprint';
  name: string;
  enabled: boolean;
  created_at: string;
  updated_at: string;
  description: string | null;
}

export type DlpEntryRecord =
  | DlpIntegrationEntryRecord
  | DlpCustomEntryRecord
  | DlpPredefinedEntryRecord
  | DlpExactDataEntryRecord
  | DlpWordListEntryRecord
  | DlpDocumentFingerprintEntryRecord;

/**
 * A profile points at its entries by id. `entry_ids` are the entries the profile owns; `shared_entry_ids` are
 * entries shared into it (exact data, word lists, fingerprints in a custom profile).
 */
export interface DlpProfileRecord {
  id: string;
  type: 'custom' | 'predefined' | 'integration';
  name: string;
  description: string | null;
  /** Absent on predefined profiles, as in Cloudflare's schema. */
  created_at?: string;
  updated_at?: string;
  entry_ids: string[];
  shared_entry_ids: string[];
}
