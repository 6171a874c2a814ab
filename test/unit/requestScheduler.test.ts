// RequestScheduler (src/api/requestScheduler.ts): slots handed out first come, first served, never more than the
// limit running, a new limit, waiters that give up, tasks that fail. Tasks are deferred promises resolved by hand:
// no timer decides anything here (settle() only lets the promise callbacks already queued run). The last suite runs
// the scheduler inside CloudflareClient against the sandbox on loopback and reads the sandbox's request log.
import * as assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { z } from 'zod';
import { CloudflareClient } from '../../src/api/client';
import { RequestScheduler } from '../../src/api/requestScheduler';
import { startSandbox, type Sandbox } from '../sandbox/index';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every promise callback already queued run (a check-phase callback runs after all of them). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Tasks submitted to a scheduler, each finishing when the test says so. Records the order tasks started in and
 * the most that ever ran at once, counted inside the tasks themselves.
 */
function harness(scheduler: RequestScheduler) {
  const started: number[] = [];
  const gates = new Map<number, Deferred<string>>();
  let running = 0;
  let peak = 0;
  const submit = (n: number, signal?: AbortSignal): Promise<string> => {
    const gate = deferred<string>();
    gates.set(n, gate);
    return scheduler.run(async () => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      try {
        return await gate.promise;
      } finally {
        running--;
      }
    }, signal);
  };
  const finish = (n: number) => gates.get(n)?.resolve(`done ${n}`);
  const fail = (n: number, error: Error) => gates.get(n)?.reject(error);
  return { submit, finish, fail, started, peak: () => peak, running: () => running };
}

describe('RequestScheduler', { timeout: 10_000 }, () => {
  test('never runs more than the limit at once, whatever order tasks finish in', async () => {
    const scheduler = new RequestScheduler(3);
    const h = harness(scheduler);
    const results = Array.from({ length: 10 }, (_, i) => h.submit(i + 1));
    await settle();
    assert.deepEqual(h.started, [1, 2, 3]);
    assert.deepEqual(scheduler.stats, { running: 3, waiting: 7, limit: 3 });
    // Finish out of order, one at a time: each finish lets exactly one waiter in.
    for (const n of [2, 1, 3, 5, 4, 7, 6, 9, 10, 8]) {
      h.finish(n);
      await settle();
      assert.ok(scheduler.stats.running <= 3, `running ${scheduler.stats.running} after ${n} finished`);
    }
    assert.equal(h.peak(), 3);
    assert.deepEqual(await Promise.all(results), Array.from({ length: 10 }, (_, i) => `done ${i + 1}`));
    assert.deepEqual(scheduler.stats, { running: 0, waiting: 0, limit: 3 });
  });

  test('hands out slots first come, first served', async () => {
    const scheduler = new RequestScheduler(2);
    const h = harness(scheduler);
    const results = [1, 2, 3, 4, 5, 6].map((n) => h.submit(n));
    await settle();
    assert.deepEqual(h.started, [1, 2]);
    // The second finishes first: the oldest waiter (3) gets its slot, not the newest.
    h.finish(2);
    await settle();
    assert.deepEqual(h.started, [1, 2, 3]);
    h.finish(3);
    h.finish(1);
    await settle();
    assert.deepEqual(h.started, [1, 2, 3, 4, 5]);
    // A task submitted now queues behind 6, although 6 has not started either.
    const late = h.submit(7);
    h.finish(4);
    await settle();
    assert.deepEqual(h.started, [1, 2, 3, 4, 5, 6]);
    h.finish(5);
    h.finish(6);
    await settle();
    assert.deepEqual(h.started, [1, 2, 3, 4, 5, 6, 7]);
    h.finish(7);
    await Promise.all([...results, late]);
  });

  test('setLimit: raising it starts waiters at once; lowering it lets running tasks finish and starts none until below it', async () => {
    const scheduler = new RequestScheduler(2);
    const h = harness(scheduler);
    const results = [1, 2, 3, 4, 5, 6].map((n) => h.submit(n));
    await settle();
    assert.deepEqual(h.started, [1, 2]);

    scheduler.setLimit(4);
    await settle();
    assert.deepEqual(h.started, [1, 2, 3, 4]);
    assert.deepEqual(scheduler.stats, { running: 4, waiting: 2, limit: 4 });

    scheduler.setLimit(1);
    await settle();
    assert.equal(h.running(), 4, 'running tasks are not stopped');
    assert.deepEqual(scheduler.stats, { running: 4, waiting: 2, limit: 1 });
    for (const n of [1, 2, 3]) {
      h.finish(n);
      await settle();
      assert.deepEqual(h.started, [1, 2, 3, 4], `nothing starts while ${scheduler.stats.running} run (limit 1)`);
    }
    h.finish(4);
    await settle();
    assert.deepEqual(h.started, [1, 2, 3, 4, 5]);
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 1, limit: 1 });
    h.finish(5);
    await settle();
    assert.deepEqual(h.started, [1, 2, 3, 4, 5, 6]);
    h.finish(6);
    await Promise.all(results);
    assert.equal(h.peak(), 4);
  });

  test('setLimit clamps to 1…64 and whole numbers', () => {
    const scheduler = new RequestScheduler(0);
    assert.equal(scheduler.stats.limit, 1);
    for (const [given, kept] of [[6.9, 6], [-3, 1], [Number.NaN, 1], [Number.POSITIVE_INFINITY, 1], [1000, 64], [64, 64]] as const) {
      scheduler.setLimit(given);
      assert.equal(scheduler.stats.limit, kept, `setLimit(${given})`);
    }
  });

  test('a waiter whose signal aborts leaves the queue without taking a slot, and rejects with the reason', async () => {
    const scheduler = new RequestScheduler(1);
    const h = harness(scheduler);
    const first = h.submit(1);
    const controller = new AbortController();
    const given = h.submit(2, controller.signal);
    const third = h.submit(3);
    await settle();
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 2, limit: 1 });

    const reason = new Error('the user closed the view');
    controller.abort(reason);
    await assert.rejects(given, (error) => error === reason);
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 1, limit: 1 });

    h.finish(1);
    await settle();
    assert.deepEqual(h.started, [1, 3], 'the aborted task never ran; the next waiter got the slot');
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 0, limit: 1 });
    h.finish(3);
    assert.deepEqual(await Promise.all([first, third]), ['done 1', 'done 3']);
    assert.deepEqual(scheduler.stats, { running: 0, waiting: 0, limit: 1 });
  });

  test('an abort without an Error reason rejects with "aborted"; a signal aborted before the call never queues', async () => {
    const scheduler = new RequestScheduler(1);
    const h = harness(scheduler);
    const first = h.submit(1);
    const controller = new AbortController();
    const waiting = h.submit(2, controller.signal);
    await settle();
    controller.abort('not an error');
    await assert.rejects(waiting, { message: 'aborted' });

    const before = AbortSignal.abort();
    let ran = false;
    await assert.rejects(scheduler.run(async () => (ran = true), before), { name: 'AbortError' });
    assert.equal(ran, false);
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 0, limit: 1 });
    h.finish(1);
    await first;
    assert.deepEqual(h.started, [1]);
  });

  test('an abort after the slot was granted does not touch the scheduler (the task decides what to do with it)', async () => {
    const scheduler = new RequestScheduler(1);
    const h = harness(scheduler);
    const controller = new AbortController();
    const running = h.submit(1, controller.signal);
    await settle();
    controller.abort(new Error('late'));
    await settle();
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 0, limit: 1 });
    h.finish(1);
    assert.equal(await running, 'done 1');
    assert.deepEqual(scheduler.stats, { running: 0, waiting: 0, limit: 1 });
  });

  test('a task that rejects, or throws before returning a promise, frees its slot for the next waiter', async () => {
    const scheduler = new RequestScheduler(1);
    const h = harness(scheduler);
    const failing = h.submit(1);
    const thrower = assert.rejects(scheduler.run((): Promise<string> => {
      throw new Error('thrown synchronously');
    }), { message: 'thrown synchronously' });
    const third = h.submit(3);
    await settle();
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 2, limit: 1 });

    h.fail(1, new Error('HTTP 500'));
    await assert.rejects(failing, { message: 'HTTP 500' });
    await settle();
    // The thrower got the freed slot, threw, and freed it for 3.
    assert.deepEqual(h.started, [1, 3]);
    assert.deepEqual(scheduler.stats, { running: 1, waiting: 0, limit: 1 });
    await thrower;
    h.finish(3);
    assert.equal(await third, 'done 3');
    assert.deepEqual(scheduler.stats, { running: 0, waiting: 0, limit: 1 });
  });
});

describe('RequestScheduler inside CloudflareClient (sandbox on loopback)', { timeout: 30_000 }, () => {
  const TOKEN = 'scheduler-test-token';
  const LIMIT = 3;
  const CALLS = 20;
  let sandbox: Sandbox;
  let accountId: string;
  const clients: CloudflareClient[] = [];

  before(async () => {
    sandbox = await startSandbox({ port: 0, tokens: [{ kind: 'userToken', token: TOKEN }] });
    accountId = sandbox.accounts[0]?.id ?? '';
  });
  afterEach(() => {
    sandbox.clearFaults();
    sandbox.clearRequests();
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await sandbox.close();
  });

  function client(): CloudflareClient {
    const c = new CloudflareClient({ baseUrl: sandbox.baseUrl, scheduler: new RequestScheduler(LIMIT), retry: { random: () => 0 } });
    clients.push(c);
    return c;
  }
  const get = (c: CloudflareClient, route: string) =>
    c.call({ kind: 'token', token: TOKEN }, { method: 'GET', path: `/accounts/${accountId}/${route}`, result: z.unknown() });

  test(`${CALLS} concurrent calls with a limit of ${LIMIT}: never more than ${LIMIT} in flight at the server`, async () => {
    // Every answer takes 30 ms, so the calls overlap as they would over a network.
    sandbox.addFault({ method: 'GET', path: '/accounts/*/**', kind: 'latency', latencyMs: 30, times: 0 });
    const c = client();
    const answers = await Promise.all(Array.from({ length: CALLS }, () => get(c, 'zt_risk_scoring/integrations')));
    assert.equal(answers.length, 20);
    assert.ok(answers.every((a) => a.status === 200));
    const requests = sandbox.requests();
    assert.equal(requests.length, 20);
    assert.deepEqual(requests.filter((r) => r.inFlight > 3).map((r) => `${r.seq}: ${r.inFlight} in flight`), []);
    assert.equal(Math.max(...requests.map((r) => r.inFlight)), 3, 'the calls did overlap, up to the limit');
  });

  test('a 429 with Retry-After 1 on one call holds the others back for that second', async () => {
    // The 8th call lists device posture integrations and is told to wait; the other 19 list risk scoring integrations.
    sandbox.addFault({ method: 'GET', path: '/accounts/*/devices/posture/integration', kind: 'status', status: 429, retryAfterSeconds: 1, latencyMs: 30, times: 1 });
    sandbox.addFault({ method: 'GET', path: '/accounts/*/**', kind: 'latency', latencyMs: 30, times: 0 });
    const c = client();
    const answers = await Promise.all(Array.from({ length: CALLS }, (_, i) => get(c, i === 7 ? 'devices/posture/integration' : 'zt_risk_scoring/integrations')));
    assert.ok(answers.every((a) => a.status === 200), 'every call succeeds in the end (the 8th on its retry)');

    const requests = sandbox.requests();
    assert.equal(requests.length, 21, '20 calls and the retry of the one told to wait');
    assert.equal(Math.max(...requests.map((r) => r.inFlight)), 3);
    const limited = requests.filter((r) => r.status === 429);
    assert.equal(limited.length, 1);
    const blockedAt = limited[0]?.answeredMs ?? Number.NaN;
    // Requests already sent when the 429 was answered may still arrive in the first 100 ms; then nothing until the
    // second is over. (A wall-clock window: on a machine starved of CPU, where this process, which also runs the
    // sandbox, stalls for 100 ms, a request the client sent in good time can arrive later than that.)
    const duringBlock = requests.filter((r) => r.receivedMs > blockedAt + 100 && r.receivedMs < blockedAt + 990);
    assert.deepEqual(duringBlock.map((r) => `${r.seq} ${r.path} at +${Math.round(r.receivedMs - blockedAt)} ms`), []);
    const afterBlock = requests.filter((r) => r.receivedMs >= blockedAt + 990);
    // By the 429's answer at most 9 had arrived (three rounds of three, the 8th call in the third round), and at most
    // the three slots that round frees can have gone out before the client read the 429: at least 21 - 12 wait.
    assert.ok(afterBlock.length >= 9, `only ${afterBlock.length} requests went out after the block`);
    assert.ok(afterBlock.some((r) => r.path.endsWith('/devices/posture/integration') && r.status === 200), 'the retry went out after the block');
  });
});
