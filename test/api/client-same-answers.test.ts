// reuseSameAnswer (src/api/sameAnswers.ts): a list read again whose bytes are the same is not parsed or checked again,
// and the result is the one checked before, the same object; where some items changed in place, only they are read
// and checked; anything else is read as always. The real client against the in-process sandbox; "checked" is counted
// on the schema's own check.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import * as z from 'zod';
import { CloudflareClient } from '../../src/api/client';
import { CloudflareApiError } from '../../src/api/errors';
import { checkedWith } from '../../src/api/fastCheck';
import type { AccountContext } from '../../src/api/types';
import { SameAnswers } from '../../src/api/sameAnswers';
import * as dlp from '../../src/families/dlpIntegrationEntries';
import * as posture from '../../src/families/devicePostureIntegrations';
import { startSandbox, type Sandbox } from '../sandbox/index';

describe('client: the same answer is read once', () => {
  let sandbox: Sandbox;
  let client: CloudflareClient;
  let ctx: AccountContext;
  let checks = 0;
  let checkedItems = 0;
  // A list schema whose check is counted: zod's decision, through the same wrapper the families use.
  const item = z.looseObject({ id: z.string(), interval: z.string().optional() });
  const counted = checkedWith(z.array(item), (value) => {
    checks++;
    checkedItems += Array.isArray(value) ? value.length : 0;
    return z.array(item).safeParse(value).success;
  });
  const path = (): string => `/accounts/${ctx.accountId}/devices/posture/integration`;
  const list = (reuseSameAnswer = true, result: z.ZodType<unknown> = counted) => client.call(ctx.credential, { method: 'GET', path: path(), result, reuseSameAnswer });

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  // A client of its own per test: what one remembers is not another's.
  beforeEach(() => {
    sandbox.reset();
    sandbox.clearFaults();
    checks = 0;
    checkedItems = 0;
    client = new CloudflareClient({ baseUrl: sandbox.baseUrl, retry: { maxRetries: 0 } });
    ctx = { api: client, credential: { kind: 'token', token: sandbox.credentials.userToken }, accountId: sandbox.accounts[0]?.id ?? '' };
  });
  afterEach(() => client.close());
  after(() => sandbox.close());

  test('the same bytes again: the result checked the first time, the same object, not checked again', async () => {
    const first = await list();
    const second = await list();
    assert.equal(checks, 1, 'checked once');
    assert.equal(second.result, first.result, 'the same object');
    assert.equal(second.status, 200);
    assert.equal(sandbox.requests().length, 2, 'both reached the server: nothing is answered from memory without asking');
  });

  test('after forgetAnswers (sign-out) nothing is kept: the same bytes are read and checked again', async () => {
    const first = await list();
    client.forgetAnswers();
    const second = await list();
    assert.equal(checks, 2);
    assert.notEqual(second.result, first.result);
    assert.deepEqual(second.result, first.result);
  });

  test('one item changed on the server: it alone is read and checked anew, every other item is the object it was', async () => {
    const first = await list();
    const listed = first.result as { id: string; interval: string }[];
    const integration = sandbox.list('devicePostureIntegrations', ctx.accountId)[1];
    assert.ok(integration && listed.length > 2);
    assert.equal(checkedItems, listed.length);
    sandbox.state.mutate('devicePostureIntegrations', ctx.accountId, integration.id, { interval: '23h' } as never);
    const second = await list();
    const changed = second.result as { id: string; interval: string }[];
    assert.notEqual(changed, listed);
    assert.deepEqual(changed.map((i) => i.id), listed.map((i) => i.id));
    assert.equal(changed.find((i) => i.id === integration.id)?.interval, '23h');
    changed.forEach((value, at) => {
      if (value.id === integration.id) assert.notEqual(value, listed[at]);
      else assert.equal(value, listed[at], `item ${at} is the object read before`);
    });
    assert.equal(checks, 2);
    assert.equal(checkedItems, listed.length + 1, 'the second check saw the changed item only');
    // What is kept next is that answer: read again, the same object; changed again, read from it.
    assert.equal((await list()).result, second.result);
    sandbox.state.mutate('devicePostureIntegrations', ctx.accountId, integration.id, { interval: '22h' } as never);
    const third = (await list()).result as { id: string; interval: string }[];
    assert.equal(third.find((i) => i.id === integration.id)?.interval, '22h');
    assert.equal(third[0], listed[0]);
    assert.equal(checkedItems, listed.length + 2);
  });

  test('a changed item the schema refuses: the whole list is read as always, and the error has zod\'s path in it', async () => {
    await list();
    const integration = sandbox.list('devicePostureIntegrations', ctx.accountId)[1];
    assert.ok(integration);
    sandbox.state.mutate('devicePostureIntegrations', ctx.accountId, integration.id, { interval: 7 } as never);
    await assert.rejects(list(), (error: unknown) => error instanceof CloudflareApiError && error.kind === 'badResponse' && /1\.interval/.test(error.message));
  });

  test('not asked for, another schema, or an error status with a body seen before: read as always', async () => {
    await list();
    await list(false);
    assert.equal(checks, 2, 'a request without reuseSameAnswer is checked');
    const other = z.array(item.extend({ name: z.string().optional() }));
    const withOther = await list(true, other);
    assert.equal(checks, 2, 'the other schema does its own check');
    assert.ok(Array.isArray(withOther.result));
    const again = await list(true, other);
    assert.equal(again.result, withOther.result, 'kept per schema too');
    // The same path answering 500: an error, never the list kept for it.
    sandbox.addFault({ method: 'GET', path: '/accounts/*/devices/posture/integration', kind: 'status', status: 500, times: 1 });
    await assert.rejects(list(), (error: unknown) => error instanceof CloudflareApiError && error.kind === 'server' && error.status === 500);
  });

  test('the families\' lists: a second read of unchanged lists hands back the same objects (DLP entries taken from them too)', async () => {
    const entries = await dlp.listDlpIntegrationEntries(ctx);
    assert.ok(entries.length > 0);
    assert.equal(await dlp.listDlpIntegrationEntries(ctx), entries);
    const postures = await posture.listDevicePostureIntegrations(ctx);
    assert.equal(await posture.listDevicePostureIntegrations(ctx), postures);
    const [entry] = entries;
    assert.ok(entry);
    await dlp.updateDlpIntegrationEntry(ctx, entry.id, { enabled: !entry.enabled });
    const after = await dlp.listDlpIntegrationEntries(ctx);
    assert.notEqual(after, entries);
    assert.equal(after.find((e) => e.id === entry.id)?.enabled, !entry.enabled);
  });
});

describe('SameAnswers', () => {
  const schema = z.unknown();
  const bytes = (text: string) => Buffer.from(text);
  const answer = (result: unknown) => ({ result, status: 200 });

  test('kept per key, schema and bytes; beyond its budget of bytes kept, the key unused for longest goes', () => {
    // Room for two one-byte answers.
    const answers = new SameAnswers(2);
    answers.reading('/a', schema, bytes('A')).keep(answer('a'));
    answers.reading('/b', schema, bytes('B')).keep(answer('b'));
    assert.equal(answers.reading('/a', schema, bytes('A')).same?.result, 'a', 'same bytes');
    assert.equal(answers.reading('/a', schema, bytes('A2')).same, undefined, 'other bytes');
    assert.equal(answers.reading('/a', z.string(), bytes('A')).same, undefined, 'other schema');
    // /a was just used, so /b is the one to go when /c comes.
    answers.reading('/c', schema, bytes('C')).keep(answer('c'));
    assert.equal(answers.reading('/b', schema, bytes('B')).same, undefined);
    assert.equal(answers.reading('/a', schema, bytes('A')).same?.result, 'a');
    assert.equal(answers.reading('/c', schema, bytes('C')).same?.result, 'c');
    answers.clear();
    assert.equal(answers.reading('/a', schema, bytes('A')).same, undefined);
  });
});
