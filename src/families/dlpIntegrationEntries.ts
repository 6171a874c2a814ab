import * as z from 'zod';
import { CloudflareApiError } from '../api/errors';
import type { AccountContext } from '../api/types';
import {
  dlpEntryWithProfilesSchema, dlpIntegrationEntrySchema, INTEGRATION_ENTRY_TYPE,
  integrationEntriesOf, listDlpEntries, type DlpIntegrationEntry,
} from './dlpEntries';
import { accountPath, callForAccount } from '../api/accountRequest';
import { booleanField } from './fields';
import { validateBody } from './validation';
import type { FamilyDescriptor } from './family';
import { dlpUsedBy } from './dlpUsedBy';

// DLP integration entries (Microsoft Purview labels synced by CASB). Cloudflare has no list or get for
// them: they are read from the all-entries endpoints and filtered. Their "create" switches an existing
// entry and their delete does nothing, so the only real change is `enabled`.

/**
 * Fields only the list and get answers carry (create and update answers lack them). They are dropped so
 * every operation returns the same shape; otherwise the copy an editor was opened from would never equal
 * a fresh GET and every save would look like a conflict.
 */
const LIST_ONLY_FIELDS = ['type', 'upload_status', 'profiles'] as const;

function asResource(entry: DlpIntegrationEntry): DlpIntegrationEntry {
  // A rest copy rather than `delete` on a copy: deleting turns an object into a slow dictionary, and the
  // tree reads every entry again on each paint. Same fields as LIST_ONLY_FIELDS.
  const { type: _type, upload_status: _uploadStatus, profiles: _profiles, ...resource } = entry;
  return resource;
}

export const dlpIntegrationEntryCreateSchema = z
  .strictObject({
    entry_id: z.guid({ error: 'entry_id must be the id (a UUID) of an existing DLP integration entry' }).describe('The id of the existing integration entry to switch on or off.'),
    enabled: booleanField('enabled', 'The state to set.'),
  })
  .meta({
    title: 'Switch a DLP integration entry',
    description: 'Integration entries cannot be created: this sets `enabled` on an existing entry. `profile_id` is ignored by Cloudflare and not accepted here.',
  });
export type DlpIntegrationEntryCreate = z.output<typeof dlpIntegrationEntryCreateSchema>;

export const dlpIntegrationEntryUpdateSchema = z
  .strictObject({ enabled: booleanField('enabled', 'Whether DLP policies detect this label.') })
  .meta({ title: 'Update a DLP integration entry', description: 'Only `enabled` can change.' });
export type DlpIntegrationEntryUpdate = z.output<typeof dlpIntegrationEntryUpdateSchema>;

const resourceSchema = dlpIntegrationEntrySchema.meta({
  title: 'DLP integration entry',
  description: 'A Microsoft Purview sensitivity label synced through a CASB integration.',
});

const ENTRIES = 'dlp/entries/integration';

/**
 * What was taken from each entries list and each entry read: the client hands back the very list it checked before
 * when the server's answer is byte for byte the same, and the very entries that did not change when only some did
 * (reuseSameAnswer); then what is taken from them is the same too, and the views see unchanged resources unchanged.
 */
const integrationEntriesOfList = new WeakMap<readonly object[], DlpIntegrationEntry[]>();
const resourceOfEntry = new WeakMap<DlpIntegrationEntry, DlpIntegrationEntry>();

function keptResource(entry: DlpIntegrationEntry): DlpIntegrationEntry {
  let resource = resourceOfEntry.get(entry);
  if (!resource) resourceOfEntry.set(entry, (resource = asResource(entry)));
  return resource;
}

/** Only the integration entries of the account (the endpoint lists every entry type). */
export async function listDlpIntegrationEntries(ctx: AccountContext): Promise<DlpIntegrationEntry[]> {
  const entries = await listDlpEntries(ctx);
  let integration = integrationEntriesOfList.get(entries);
  if (!integration) integrationEntriesOfList.set(entries, (integration = integrationEntriesOf(entries).map(keptResource)));
  return integration;
}

/** GET /dlp/entries/{id}; an entry of another type is reported as not found, since it is not one of ours. */
export async function getDlpIntegrationEntry(ctx: AccountContext, entryId: string): Promise<DlpIntegrationEntry> {
  const path = accountPath(ctx.accountId, 'dlp/entries', entryId);
  const { result, status, cfRay } = await callForAccount(ctx, { method: 'GET', path, result: dlpEntryWithProfilesSchema });
  if (result.type !== INTEGRATION_ENTRY_TYPE) {
    throw new CloudflareApiError({
      kind: 'notFound', method: 'GET', path, status, ...(cfRay ? { cfRay } : {}),
      reason: `DLP entry ${entryId} is a "${result.type}" entry, not an integration entry`,
    });
  }
  return asResource(dlpIntegrationEntrySchema.parse(result));
}

/** POST /dlp/entries/integration: Cloudflare's "create", which sets `enabled` on the existing entry `entry_id`. */
export async function switchDlpIntegrationEntry(ctx: AccountContext, body: DlpIntegrationEntryCreate): Promise<DlpIntegrationEntry> {
  const sent = validateBody(dlpIntegrationEntryCreateSchema, body, 'DLP integration entry switch body');
  const { result } = await callForAccount(ctx, {
    method: 'POST', path: accountPath(ctx.accountId, ENTRIES), body: sent, result: dlpIntegrationEntrySchema,
  });
  return asResource(result);
}

/** PUT /dlp/entries/integration/{id} with `{enabled}`. */
export async function updateDlpIntegrationEntry(ctx: AccountContext, entryId: string, body: DlpIntegrationEntryUpdate): Promise<DlpIntegrationEntry> {
  const sent = validateBody(dlpIntegrationEntryUpdateSchema, body, 'DLP integration entry update body');
  const { result } = await callForAccount(ctx, {
    method: 'PUT', path: accountPath(ctx.accountId, ENTRIES, entryId), body: sent, result: dlpIntegrationEntrySchema,
  });
  return asResource(result);
}

/** DELETE /dlp/entries/integration/{id}: a server no-op, kept for completeness; the UI offers "disable" instead. */
export async function deleteDlpIntegrationEntry(ctx: AccountContext, entryId: string): Promise<void> {
  // The result is null or {}; nothing in it is worth parsing.
  await callForAccount(ctx, { method: 'DELETE', path: accountPath(ctx.accountId, ENTRIES, entryId), result: z.unknown() });
}

export const dlpIntegrationEntries: FamilyDescriptor<DlpIntegrationEntry, DlpIntegrationEntryCreate, DlpIntegrationEntryUpdate, 'dlpIntegrationEntries'> = {
  id: 'dlpIntegrationEntries',
  title: 'DLP integration entries',
  singular: 'DLP integration entry',
  viewName: 'DLP Integration Entries',
  create: { command: 'enableDlpIntegrationEntry', title: 'Enable a DLP integration entry', pickPlaceholder: 'Pick the entry; the draft sets its state' },
  noDeleteReason: (name) => `"${name}" comes from an integration; Cloudflare's delete endpoint for DLP integration entries does nothing. You can disable it instead.`,
  schemas: {
    resource: resourceSchema,
    create: dlpIntegrationEntryCreateSchema,
    update: dlpIntegrationEntryUpdateSchema,
    edit: resourceSchema.meta({
      title: 'DLP integration entry (editor)',
      description: 'Only `enabled` can change; saving applies it to Cloudflare.',
    }),
  },
  updateMethod: 'PUT',
  readOnlyFields: ['id', 'name', 'profile_id', 'created_at', 'updated_at', ...LIST_ONLY_FIELDS],
  writeOnlyFields: () => [],
  toggleField: 'enabled',
  canDelete: false,
  templateVariants: [],
  // Never holds a real id: the palette flow picks an entry and uses templateFor instead.
  createTemplate: () => ({ entry_id: '00000000-0000-0000-0000-000000000000', enabled: true }),
  templateFor: (existing) => ({ entry_id: existing.id, enabled: !existing.enabled }),
  toggleBody: (_resource, value) => ({ enabled: value }),
  displayName: (entry) => entry.name || entry.id,
  operations: {
    list: listDlpIntegrationEntries,
    get: getDlpIntegrationEntry,
    create: switchDlpIntegrationEntry,
    update: updateDlpIntegrationEntry,
    remove: deleteDlpIntegrationEntry,
  },
  editableFields: ['enabled'],
  documentSuffix: 'dlp-entry',
  describe: (entry) => ({ text: entry.enabled ? 'enabled' : 'disabled', on: entry.enabled }),
  grouping: {
    groupOf: (entry) => entry.profile_id ?? '',
    labels: { from: 'dlpProfiles', namesIn: (profiles) => new Map(profiles.map((profile) => [profile.id, profile.name])) },
    ungroupedLabel: 'Without a profile',
    groupNoun: 'DLP profile',
    unknownGroupLabel: (key) => `Profile ${key.slice(0, 8)}…`,
  },
  routes: ['dlp/entries', 'dlp/profiles'],
  usedBy: dlpUsedBy,
  access: {
    readPermission: 'Zero Trust Read',
    writePermission: 'Zero Trust Write',
    featureName: 'Data loss prevention',
    featureRequirement: 'the DLP add-on (integration entries also need Cloudflare CASB)',
    learnMoreUrl: 'https://developers.cloudflare.com/cloudflare-one/data-loss-prevention/',
  },
  // Third-party evidence only (API.md §6); the dashboard documents no per-entry links.
  dashboardPath: 'dlp/profiles',
};
