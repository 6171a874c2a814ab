import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CloudflareApiError } from '../../src/api/errors';
import {
  deleteDlpIntegrationEntry, dlpIntegrationEntries, getDlpIntegrationEntry, listDlpIntegrationEntries,
  switchDlpIntegrationEntry, updateDlpIntegrationEntry,
} from '../../src/families/dlpIntegrationEntries';
import { listDlpEntries } from '../../src/families/dlpEntries';
import { relatedSources } from '../../src/families/related/sources';
import { InvalidRequestBody } from '../../src/families/validation';
import { answering, fakeApi } from './families.fake-api';

const LABEL_A = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Confidential', enabled: true, type: 'integration', upload_status: 'empty',
  created_at: '2026-01-02T03:04:05Z', updated_at: '2026-01-02T03:04:05Z', profile_id: 'f0000000-0000-4000-8000-0000000000aa',
};
const LABEL_B = {
  id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Highly Confidential', enabled: false, type: 'integration',
  created_at: '2026-01-02T03:04:05Z', updated_at: '2026-02-02T03:04:05Z', profile_id: null, some_future_field: 7,
};
/** Other entry types, each missing what an integration entry must have (predefined entries have no timestamps). */
const PREDEFINED = { id: 'p-1', name: 'Credit card', enabled: true, type: 'predefined', confidence: { available: true, ai_context_available: false } };
const CUSTOM = { id: 'c-1', name: 'Project X', type: 'custom', pattern: { regex: 'X-[0-9]+' } };
const EXACT = { type: 'exact_data', secret: true };

describe('DLP integration entries: list', () => {
  test('GET /accounts/{id}/dlp/entries, keeping only integration entries', async () => {
    const fake = answering([PREDEFINED, LABEL_A, CUSTOM, EXACT, LABEL_B]);
    const entries = await listDlpIntegrationEntries(fake.ctx);
    assert.deepEqual(fake.sent, [{ method: 'GET', path: '/accounts/acc-1/dlp/entries', hasBody: false }]);
    assert.deepEqual(entries.map((e) => e.id), [LABEL_A.id, LABEL_B.id]);
  });

  test('drops the list-only decorations but keeps unknown fields', async () => {
    const [a, b] = await listDlpIntegrationEntries(answering([LABEL_A, LABEL_B]).ctx);
    assert.deepEqual(a, {
      id: LABEL_A.id, name: 'Confidential', enabled: true, created_at: LABEL_A.created_at, updated_at: LABEL_A.updated_at,
      profile_id: LABEL_A.profile_id,
    });
    assert.equal(b?.some_future_field, 7);
    assert.equal(b?.profile_id, null);
  });

  test('an integration entry missing a required field fails at its own path; other types need nothing but a type', async () => {
    const { enabled: _dropped, ...withoutEnabled } = LABEL_A;
    await assert.rejects(listDlpEntries(answering([PREDEFINED, withoutEnabled]).ctx), (error: unknown) => {
      const issues = (error as { issues?: { path: unknown[] }[] }).issues ?? [];
      assert.deepEqual(issues.map((i) => i.path), [[1, 'enabled']]);
      return true;
    });
    assert.deepEqual((await listDlpEntries(answering([PREDEFINED, EXACT]).ctx)).map((e) => e.type), ['predefined', 'exact_data']);
  });

  test('an absent result is an empty list; account ids are percent-encoded', async () => {
    const fake = fakeApi(() => ({ result: undefined }), 'acc/../x y');
    assert.deepEqual(await listDlpIntegrationEntries(fake.ctx), []);
    assert.equal(fake.sent[0]?.path, '/accounts/acc%2F..%2Fx%20y/dlp/entries');
  });
});

describe('DLP integration entries: get, switch, update, delete', () => {
  test('get reads GET /dlp/entries/{id} and drops `profiles`', async () => {
    const fake = answering({ ...LABEL_A, profiles: [{ id: LABEL_A.profile_id, name: 'MIP Sensitivity Labels M365' }] });
    const entry = await getDlpIntegrationEntry(fake.ctx, 'id/1');
    assert.deepEqual(fake.sent, [{ method: 'GET', path: '/accounts/acc-1/dlp/entries/id%2F1', hasBody: false }]);
    assert.equal(entry.profiles, undefined);
    assert.equal(entry.name, 'Confidential');
  });

  test('get of an entry of another type is "not found", not a half-parsed integration entry', async () => {
    await assert.rejects(getDlpIntegrationEntry(answering({ ...CUSTOM, profiles: [] }).ctx, 'c-1'), (error: unknown) => {
      assert.ok(error instanceof CloudflareApiError);
      assert.equal(error.kind, 'notFound');
      assert.match(error.message, /"custom" entry/);
      return true;
    });
  });

  test('switch POSTs {entry_id, enabled} to /dlp/entries/integration, never a profile_id', async () => {
    const { type: _t, upload_status: _u, ...createAnswer } = LABEL_A;
    const fake = answering(createAnswer);
    await switchDlpIntegrationEntry(fake.ctx, { entry_id: LABEL_A.id, enabled: false });
    assert.deepEqual(fake.sent, [{ method: 'POST', path: '/accounts/acc-1/dlp/entries/integration', hasBody: true, body: { entry_id: LABEL_A.id, enabled: false } }]);

    const refused = answering(createAnswer);
    const withProfile = { entry_id: LABEL_A.id, enabled: true, profile_id: LABEL_A.profile_id };
    await assert.rejects(switchDlpIntegrationEntry(refused.ctx, withProfile as never), (error: unknown) => {
      assert.ok(error instanceof InvalidRequestBody);
      assert.match(error.message, /profile_id/);
      return true;
    });
    assert.deepEqual(refused.sent, [], 'nothing is sent when the body is refused');
  });

  test('update PUTs {enabled} to /dlp/entries/integration/{id}', async () => {
    const { type: _t, ...updateAnswer } = LABEL_B;
    const fake = answering(updateAnswer);
    const updated = await updateDlpIntegrationEntry(fake.ctx, LABEL_B.id, { enabled: true });
    assert.deepEqual(fake.sent, [{ method: 'PUT', path: `/accounts/acc-1/dlp/entries/integration/${LABEL_B.id}`, hasBody: true, body: { enabled: true } }]);
    assert.equal(updated.id, LABEL_B.id);
  });

  test('delete sends DELETE and accepts null, {} or a string as the result', async () => {
    for (const result of [null, {}, 'ok']) {
      const fake = answering(result);
      await deleteDlpIntegrationEntry(fake.ctx, LABEL_A.id);
      assert.deepEqual(fake.sent, [{ method: 'DELETE', path: `/accounts/acc-1/dlp/entries/integration/${LABEL_A.id}`, hasBody: false }]);
    }
  });
});

describe('DLP integration entries: descriptor', () => {
  const entry = { id: LABEL_A.id, name: 'Confidential', enabled: true, created_at: 'x', updated_at: 'y', profile_id: 'p' };

  test('toggles `enabled` with a PUT body of only that field, and cannot delete', () => {
    assert.equal(dlpIntegrationEntries.toggleField, 'enabled');
    assert.deepEqual(dlpIntegrationEntries.toggleBody?.(entry, false), { enabled: false });
    assert.equal(dlpIntegrationEntries.canDelete, false);
    assert.equal(dlpIntegrationEntries.updateMethod, 'PUT');
    assert.deepEqual(dlpIntegrationEntries.editableFields, ['enabled']);
  });

  test('the draft for an existing entry flips it; rows say enabled / disabled and group by profile', () => {
    assert.deepEqual(dlpIntegrationEntries.templateFor?.(entry), { entry_id: LABEL_A.id, enabled: false });
    assert.deepEqual(dlpIntegrationEntries.describe(entry), { text: 'enabled', on: true });
    assert.deepEqual(dlpIntegrationEntries.describe({ ...entry, enabled: false }), { text: 'disabled', on: false });
    assert.equal(dlpIntegrationEntries.grouping?.groupOf(entry), 'p');
    assert.equal(dlpIntegrationEntries.grouping?.groupOf({ ...entry, profile_id: null }), '');
  });

  test('group labels come from GET /dlp/profiles', async () => {
    const fake = answering([{ id: 'p1', name: 'MIP Sensitivity Labels A', type: 'integration' }, { id: 'p2', name: 'Credit cards', type: 'predefined' }]);
    const source = dlpIntegrationEntries.grouping?.labels;
    assert.equal(source?.from, 'dlpProfiles');
    const labels = source?.from === 'dlpProfiles' ? source.namesIn(await relatedSources.dlpProfiles.load(fake.ctx)) : undefined;
    assert.deepEqual(fake.sent, [{ method: 'GET', path: '/accounts/acc-1/dlp/profiles', hasBody: false }]);
    assert.deepEqual([...(labels ?? [])], [['p1', 'MIP Sensitivity Labels A'], ['p2', 'Credit cards']]);
  });

  test('update schema is strict: only a boolean `enabled`', () => {
    const update = dlpIntegrationEntries.schemas.update;
    assert.equal(update.safeParse({ enabled: true }).success, true);
    assert.equal(update.safeParse({ enabled: 'true' }).success, false);
    assert.equal(update.safeParse({ enabled: true, name: 'renamed' }).success, false);
    assert.equal(update.safeParse({}).success, false);
  });
});
