// The three families through the real client against the sandbox over loopback HTTP: the models read what
// the contract sends, and a resource read back after a write equals the write's answer (otherwise the
// editor's conflict check would see a change that nobody made). The contract check runs this file again
// through prism's validating proxy (see backend.ts).
import * as assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AccountContext } from '../../src/api/types';
import { devicePostureIntegrations } from '../../src/families/devicePostureIntegrations';
import type { FamilyDescriptor, ResourceBase } from '../../src/families/family';
import { allFamilies, type FamilyId } from '../../src/families/registry';
import { getRiskScoringIntegrationByReferenceId } from '../../src/families/riskScoringIntegrations';
import { listAccounts, verifyAccountToken, verifyUserToken } from '../../src/api/accounts';
import { openBackend, type Backend } from './backend';

const POSTURE_TYPES = ['workspace_one', 'crowdstrike_s2s', 'uptycs', 'intune', 'kolide', 'tanium_s2s', 'sentinelone_s2s', 'custom_s2s'];

/** A template with every placeholder filled, as a user would before saving. */
function filled(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('REPLACE_WITH_') ? `filled-${value.slice('REPLACE_WITH_'.length).toLowerCase()}` : value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, filled(v)]));
  return value;
}

{
  describe('Families against the sandbox', () => {
    let backend: Backend;
    let client: ReturnType<Backend['client']>;
    let ctx: AccountContext;
    before(async () => {
      backend = await openBackend();
      client = backend.client({ retry: { maxRetries: 0 } });
      ctx = backend.context(client);
    });
    after(() => backend.close());

    for (const family of allFamilies as readonly FamilyDescriptor<ResourceBase>[]) {
      test(`${family.id}: lists what the account holds; a GET equals the listed copy`, async () => {
        const listed = await family.operations.list(ctx);
        assert.equal(listed.length, (await backend.control.list(family.id as FamilyId, ctx.accountId)).length);
        const first = listed[0];
        assert.ok(first);
        assert.deepEqual(await family.operations.get(ctx, first.id), first);
      });
    }

    for (const family of allFamilies.filter((f) => f.toggleBody)) {
      test(`${family.id}: a toggle flips one field and its answer equals the next GET`, async () => {
        const [first] = await family.operations.list(ctx);
        assert.ok(first && family.toggleField && family.toggleBody);
        const before = (first as unknown as Record<string, unknown>)[family.toggleField];
        const toggled = await family.operations.update(ctx, first.id, family.toggleBody(first, before !== true));
        assert.equal((toggled as unknown as Record<string, unknown>)[family.toggleField], before !== true);
        assert.deepEqual(await family.operations.get(ctx, first.id), toggled);
        const { [family.toggleField]: _a, updated_at: _b, ...restBefore } = first as unknown as Record<string, unknown>;
        const { [family.toggleField]: _c, updated_at: _d, ...restAfter } = toggled as unknown as Record<string, unknown>;
        assert.deepEqual(restAfter, restBefore, 'nothing but the toggle (and its timestamp) changed');
      });
    }

    test('device posture: every type\'s filled template creates an integration whose answer holds no secret', async () => {
      for (const type of POSTURE_TYPES) {
        const body = filled(devicePostureIntegrations.createTemplate(type)) as ReturnType<typeof devicePostureIntegrations.createTemplate>;
        const created = await devicePostureIntegrations.operations.create(ctx, body);
        assert.equal(created.type, type);
        assert.ok(!JSON.stringify(created).includes('filled-client_secret'), JSON.stringify(created));
        assert.deepEqual(await devicePostureIntegrations.operations.get(ctx, created.id), created);
        await devicePostureIntegrations.operations.remove(ctx, created.id);
      }
    });

    test('risk scoring: found by reference id; accounts and tokens verify', async () => {
      const [risk] = await backend.control.list('riskScoringIntegrations', ctx.accountId);
      assert.ok(risk?.reference_id);
      assert.equal((await getRiskScoringIntegrationByReferenceId(ctx, risk.reference_id)).id, risk.id);
      assert.deepEqual((await listAccounts(client, ctx.credential)).map((a) => a.id).sort(), backend.info.accounts.map((a) => a.id).sort());
      assert.equal((await verifyUserToken(client, ctx.credential)).status, 'active');
      const accountToken = { kind: 'token' as const, token: backend.info.credentials.accountToken };
      assert.equal((await verifyAccountToken(client, accountToken, backend.info.credentials.accountTokenAccountId)).status, 'active');
    });
  });
}
