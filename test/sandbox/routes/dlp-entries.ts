// The DLP integration entries family: the all-types entry list and get, the generic entry update, the
// integration-entry endpoints (whose "create" only switches an existing entry and whose delete is a no-op,
// Cloudflare's semantics) and the profile reads around them. Its table holds every entry type; the family
// (state helpers) is the integration entries.
import { DLP_ENTRIES_TABLE, DLP_PROFILES_TABLE, type DlpEntryRecord, type DlpProfileRecord } from '../dlp-types';
import { ApiError } from '../envelope';
import { defineFamily } from '../family';
import { seedDlp } from '../seed/dlp';
import type { DlpIntegrationEntryRecord } from '../types';
import { BodyCheck } from '../validate';
import { dlpProfileRoutes } from './dlp-profiles';
import { entryWithProfiles, integrationEntryResult } from './dlp-serialize';
import { accountOf, apiDocs, familyTable, uuidParam, type ApiRoute, type RouteContext } from './route';

const ENTRIES = '/accounts/:accountId/dlp/entries';

/** Every stored DLP entry of the route's account (all types), live. */
function allEntries(ctx: RouteContext): Map<string, DlpEntryRecord> {
  return familyTable<DlpIntegrationEntryRecord>(ctx, DLP_ENTRIES_TABLE).stored as unknown as Map<string, DlpEntryRecord>;
}

function findEntry(ctx: RouteContext, id: string): DlpEntryRecord {
  const entry = allEntries(ctx).get(id);
  if (!entry) throw ApiError.notFound('DLP entry');
  return entry;
}

function findIntegrationEntry(ctx: RouteContext, id: string): DlpIntegrationEntryRecord {
  const entry = allEntries(ctx).get(id);
  if (entry?.type !== 'integration') throw ApiError.notFound('Integration entry');
  return entry;
}

function setEnabled(ctx: RouteContext, entry: DlpEntryRecord, enabled: boolean): void {
  entry.enabled = enabled;
  if ('updated_at' in entry) entry.updated_at = ctx.store.timestamp();
}

/** PUT /dlp/entries/{id}: `enabled` always; name, pattern and description too for custom entries. */
function updateEntry(ctx: RouteContext): DlpEntryRecord {
  const entry = findEntry(ctx, uuidParam(ctx, 'entryId'));
  const check = BodyCheck.object(ctx.body);
  const type = check.oneOf('type', ['custom', 'predefined', 'integration'], true);
  const enabled = check.boolean('enabled', true);
  if (type !== undefined && type !== entry.type) check.problem('type', `must be "${entry.type}", the type of this entry`);
  if (entry.type !== 'custom') {
    check.onlyKnown(['type', 'enabled'], `a ${entry.type} entry update`);
    check.throwIfInvalid();
    setEnabled(ctx, entry, enabled as boolean);
    return entry;
  }
  check.onlyKnown(['type', 'enabled', 'name', 'pattern', 'description'], 'a custom entry update');
  const name = check.string('name', { required: true, nonEmpty: true });
  const description = check.string('description', { required: false, nullable: true });
  const pattern = check.nested('pattern', true);
  pattern?.onlyKnown(['regex', 'validation'], 'a pattern');
  const regex = pattern?.string('regex', { required: true, nonEmpty: true });
  const validation = pattern?.oneOf('validation', ['luhn'], false);
  check.throwIfInvalid();
  entry.name = name as string;
  entry.pattern = validation ? { regex: regex as string, validation } : { regex: regex as string };
  if (description !== undefined) entry.description = description;
  setEnabled(ctx, entry, enabled as boolean);
  return entry;
}

const dlpEntryRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: ENTRIES,
    docs: apiDocs('dlpEntries', 'list'),
    handle: (ctx) => ({ result: [...allEntries(ctx).values()] }),
  },
  {
    method: 'GET',
    pattern: `${ENTRIES}/:entryId`,
    docs: apiDocs('dlpEntries', 'get'),
    handle: (ctx) => {
      return { result: entryWithProfiles(findEntry(ctx, uuidParam(ctx, 'entryId')), accountOf(ctx).tables) };
    },
  },
  { method: 'PUT', pattern: `${ENTRIES}/:entryId`, docs: apiDocs('dlpEntries', 'update'), handle: (ctx) => ({ result: updateEntry(ctx) }) },
  {
    // "Create" cannot create: it switches `enabled` of an existing integration entry; profile_id is ignored.
    method: 'POST',
    pattern: `${ENTRIES}/integration`,
    docs: apiDocs('dlpIntegrationEntries', 'create'),
    auditAction: 'update',
    handle: (ctx) => {
      const check = BodyCheck.object(ctx.body);
      check.onlyKnown(['entry_id', 'enabled', 'profile_id'], 'an integration entry create');
      const entryId = check.string('entry_id', { required: true, format: 'uuid' });
      const enabled = check.boolean('enabled', true);
      check.string('profile_id', { required: false, nullable: true, format: 'uuid' });
      check.throwIfInvalid();
      const entry = findIntegrationEntry(ctx, entryId as string);
      setEnabled(ctx, entry, enabled as boolean);
      return { result: integrationEntryResult(entry) };
    },
  },
  {
    method: 'PUT',
    pattern: `${ENTRIES}/integration/:entryId`,
    docs: apiDocs('dlpIntegrationEntries', 'update'),
    handle: (ctx) => {
      const entry = findIntegrationEntry(ctx, uuidParam(ctx, 'entryId'));
      const check = BodyCheck.object(ctx.body);
      check.onlyKnown(['enabled'], 'an integration entry update');
      const enabled = check.boolean('enabled', true);
      check.throwIfInvalid();
      setEnabled(ctx, entry, enabled as boolean);
      return { result: integrationEntryResult(entry) };
    },
  },
  {
    // Integration entries cannot be deleted: success, and the entry stays as it was.
    method: 'DELETE',
    pattern: `${ENTRIES}/integration/:entryId`,
    docs: apiDocs('dlpIntegrationEntries', 'delete'),
    handle: (ctx) => {
      findIntegrationEntry(ctx, uuidParam(ctx, 'entryId'));
      return { result: null };
    },
  },
];

export const dlpIntegrationEntries = defineFamily<DlpIntegrationEntryRecord>({
  stream: 'dlp',
  resource: { type: 'dlp_entry', product: 'Zero Trust', label: 'DLP entry', path: 'dlp/entries/integration', updateMethod: 'PUT' },
  belongs: (record) => record.type === 'integration',
  afterInsert: (record, tables) => {
    const profile = typeof record.profile_id === 'string' ? tables.table<DlpProfileRecord>(DLP_PROFILES_TABLE).get(record.profile_id) : undefined;
    profile?.entry_ids.push(record.id);
  },
  afterRemove: (id, tables) => {
    for (const profile of tables.table<DlpProfileRecord>(DLP_PROFILES_TABLE).values()) profile.entry_ids = profile.entry_ids.filter((e) => e !== id);
  },
  stampsUpdatedAt: true,
  writeFields: ['enabled'],
  seed: (ctx) => {
    const seeded = seedDlp(ctx.rng, ctx.accountIndex, ctx.account.name, ctx.items);
    return { records: [...seeded.entries.values()], side: { [DLP_PROFILES_TABLE]: [...seeded.profiles.values()] } };
  },
  routes: [...dlpEntryRoutes, ...dlpProfileRoutes],
});
