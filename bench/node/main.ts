// Plain-Node part of `npm run bench` (bundled to out/bench/node/main.js with `vscode` aliased to the stub).
//   node --expose-gc out/bench/node/main.js refresh <out.json> [N,N,...] [reps,reps,...]
//   node --expose-gc out/bench/node/main.js memory  <out.json> [items] [refreshes]
//   node --expose-gc out/bench/node/main.js timeline - [items] [refreshes]
// Figures only: nothing here asserts a time.
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { extensionContender, floorContender, floorWithProfilesContender, sdkContender, type Contender, type Listed } from './contenders';
import { oneChangePerFamily, oneReplacedPerFamily } from './churn';
import { timeline } from './timeline';
import { SANDBOX_ACCOUNT, SANDBOX_TOKEN, startSandboxProcess } from './sandboxProcess';

const ROOT = resolve(__dirname, '../../..');

const gc = (globalThis as { gc?: () => void }).gc;
function collect(): void {
  if (!gc) throw new Error('run with --expose-gc');
  // BENCH_NO_FORCED_GC: for a CPU profile whose "(garbage collector)" is the refreshes' own garbage only.
  if (process.env.BENCH_NO_FORCED_GC) return;
  gc();
  gc();
}

export interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number[];
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { median: round(median), min: round(sorted[0] ?? 0), max: round(sorted.at(-1) ?? 0), samples: samples.map(round) };
}

function sameListing(a: Listed, b: Listed): boolean {
  return a.dlpIntegrationEntries === b.dlpIntegrationEntries && a.riskScoringIntegrations === b.riskScoringIntegrations
    && a.devicePostureIntegrations === b.devicePostureIntegrations;
}

async function timed(contender: Contender): Promise<{ wall: number; cpu: number; listed: Listed }> {
  collect(); // the previous contender's garbage is not charged to this one
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const listed = await contender.refresh();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, listed };
}

/** How long the event loop was held during one refresh (see bench/README.md): worst over the probed refreshes. */
export interface LoopHold {
  /** perf_hooks.monitorEventLoopDelay at 1 ms resolution: the largest and the 99th percentile delay, ms. */
  readonly delayMaxMs: number;
  readonly delayP99Ms: number;
  /** The longest gap between two turns of a setImmediate chain: one loop turn, every callback in it (an upper bound). */
  readonly longestTurnMs: number;
  readonly refreshes: number;
}

async function loopHold(contender: Contender, refreshes: number, before: () => Promise<void>): Promise<LoopHold> {
  let delayMax = 0;
  let delayP99 = 0;
  let longestTurn = 0;
  for (let n = 0; n < refreshes; n++) {
    await before();
    collect();
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    let running = true;
    let last = performance.now();
    const turn = (): void => {
      // The turn already scheduled when the refresh ended is not measured (the next probe's GC would be in it).
      if (!running) return;
      const now = performance.now();
      longestTurn = Math.max(longestTurn, now - last);
      last = now;
      setImmediate(turn);
    };
    histogram.enable();
    setImmediate(turn);
    await contender.refresh();
    running = false;
    histogram.disable();
    delayMax = Math.max(delayMax, histogram.max / 1e6);
    delayP99 = Math.max(delayP99, histogram.percentile(99) / 1e6);
  }
  const round = (x: number) => Math.round(x * 100) / 100;
  return { delayMaxMs: round(delayMax), delayP99Ms: round(delayP99), longestTurnMs: round(longestTurn), refreshes };
}

async function refreshBench(sizes: number[], reps: number[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (const [i, items] of sizes.entries()) {
    const repetitions = reps[i] ?? reps.at(-1) ?? 5;
    const sandbox = await startSandboxProcess(ROOT, items);
    const target = { baseUrl: sandbox.baseUrl, token: SANDBOX_TOKEN, accountId: SANDBOX_ACCOUNT };
    const contenders: Contender[] = [extensionContender(target), floorContender(target), sdkContender(target), floorWithProfilesContender(target)];
    try {
      // Warm-up (JIT, connection pools, the sandbox's own first responses); also checks every contender lists the same.
      const warm = items >= 10_000 ? 2 : 5;
      let reference: Listed | undefined;
      for (let w = 0; w < warm; w++) {
        for (const c of contenders) {
          const listed = await c.refresh();
          reference ??= listed;
          if (!sameListing(listed, reference)) throw new Error(`${c.name} listed ${JSON.stringify(listed)}, expected ${JSON.stringify(reference)}`);
        }
      }
      const change = await oneChangePerFamily(sandbox.controlUrl, SANDBOX_ACCOUNT);
      let round = 0;
      // Three runs of alternating repetitions: the lists as they were (nothing changed since the last refresh, so the
      // extension can reuse its last answers whole); one resource per family changed in place before each repetition
      // (every answer differs from the last; the extension reads the changed items only); one resource per family
      // replaced (deleted, and a new one at the end: the extension matches the run from there to the end).
      const scenario = async (before?: (round: number) => Promise<void>) => {
        const wall: Record<string, number[]> = {};
        const cpu: Record<string, number[]> = {};
        for (let r = 0; r < repetitions; r++) {
          await before?.(round++);
          // Alternating: each repetition starts with the next contender, so none always runs first or last.
          const order = contenders.map((_, k) => contenders[(k + r) % contenders.length] as Contender);
          for (const c of order) {
            const t = await timed(c);
            (wall[c.name] ??= []).push(t.wall);
            (cpu[c.name] ??= []).push(t.cpu);
          }
        }
        return {
          wallMs: Object.fromEntries(Object.entries(wall).map(([k, v]) => [k, stats(v)])),
          clientCpuMs: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, stats(v)])),
        };
      };
      const same = await scenario();
      const changed = await scenario(change);
      const replaced = await scenario(await oneReplacedPerFamily(sandbox.controlUrl, SANDBOX_ACCOUNT));
      // The event loop probes run apart from the timed repetitions (the probe itself costs a little).
      const probes = items >= 10_000 ? 5 : 10;
      const extension = contenders.find((c) => c.name === 'extension');
      const floor = contenders.find((c) => c.name === 'floor');
      // The probes after a resource per family is replaced: the longest runs to match, the longest stretches.
      const replace = await oneReplacedPerFamily(sandbox.controlUrl, SANDBOX_ACCOUNT);
      const before = () => replace(round++);
      const loop = extension && floor ? { extension: await loopHold(extension, probes, before), floor: await loopHold(floor, probes, before) } : undefined;
      const requests = extension ? await requestsOfOneRefresh(sandbox.controlUrl, extension) : undefined;
      const row = { items, repetitions, listed: reference, loop, extensionRequests: requests, ...same, changed, replaced };
      results.push(row);
      const m = (k: string) => row.wallMs[k]?.median ?? NaN;
      const c = (k: string) => row.changed.wallMs[k]?.median ?? NaN;
      const x = (k: string) => row.replaced.wallMs[k]?.median ?? NaN;
      console.log(`  N=${items} (medians of ${repetitions}): nothing changed: extension ${m('extension')} ms, floor ${m('floor')} ms, SDK ${m('sdk')} ms; one per family changed: extension ${c('extension')}, floor ${c('floor')}, SDK ${c('sdk')}; one per family replaced: extension ${x('extension')}, floor ${x('floor')}, SDK ${x('sdk')}`);
      if (loop) console.log(`    event loop held: extension max ${loop.extension.delayMaxMs} ms (p99 ${loop.extension.delayP99Ms}, longest turn ${loop.extension.longestTurnMs}); floor max ${loop.floor.delayMaxMs} ms (longest turn ${loop.floor.longestTurnMs})`);
      if (requests) console.log(`    requests per refresh: ${requests.join(', ')}`);
    } finally {
      for (const c of contenders) await c.close();
      await sandbox.stop();
    }
  }
  return results;
}

/** The requests one more refresh of the extension sent, as the sandbox logged them ("GET /accounts/{account}/…"). */
async function requestsOfOneRefresh(controlUrl: string, extension: Contender): Promise<string[]> {
  await fetch(`${controlUrl}/requests`, { method: 'DELETE' });
  await extension.refresh();
  const { result: log } = (await (await fetch(`${controlUrl}/requests`)).json()) as { result: { method: string; path: string }[] };
  return log.map((r) => `${r.method} ${r.path.replace(/\/accounts\/[^/]+/, '/accounts/{account}')}`).sort();
}

async function memoryBench(items: number, refreshes: number): Promise<unknown> {
  const sandbox = await startSandboxProcess(ROOT, items);
  const extension = extensionContender({ baseUrl: sandbox.baseUrl, token: SANDBOX_TOKEN, accountId: SANDBOX_ACCOUNT });
  try {
    const heap = (): number => {
      collect();
      return process.memoryUsage().heapUsed;
    };
    // Each refresh after one resource per family changed, so each reads new answers (an unchanged one is reused).
    const change = await oneChangePerFamily(sandbox.controlUrl, SANDBOX_ACCOUNT);
    const before = heap();
    await extension.refresh();
    const afterFirst = heap();
    const trace: { refreshes: number; heapUsedBytes: number }[] = [{ refreshes: 1, heapUsedBytes: afterFirst }];
    for (let n = 2; n <= refreshes; n++) {
      await change(n);
      await extension.refresh();
      if (n % 100 === 0 || n === refreshes) trace.push({ refreshes: n, heapUsedBytes: heap() });
    }
    const afterLast = trace.at(-1)?.heapUsedBytes ?? afterFirst;
    // Off the heap: the bytes of the last answers the client keeps (sameAnswers.ts), and undici's buffers.
    const arrayBuffersBytes = process.memoryUsage().arrayBuffers;
    const mb = (b: number) => Math.round((b / 1048576) * 100) / 100;
    console.log(`  heap used: ${mb(afterFirst)} MB after 1 refresh, ${mb(afterLast)} MB after ${refreshes} (growth ${mb(afterLast - afterFirst)} MB)`);
    return { items, refreshes, heapBeforeBytes: before, heapAfterFirstBytes: afterFirst, heapAfterLastBytes: afterLast, growthBytes: afterLast - afterFirst, arrayBuffersBytes, trace };
  } finally {
    await extension.close();
    await sandbox.stop();
  }
}

/** `profile <out> [items] [refreshes]`: only the extension's refresh, for `node --cpu-prof` (see bench/README.md). */
async function profileRun(items: number, refreshes: number): Promise<unknown> {
  const sandbox = await startSandboxProcess(ROOT, items);
  const extension = extensionContender({ baseUrl: sandbox.baseUrl, token: SANDBOX_TOKEN, accountId: SANDBOX_ACCOUNT });
  try {
    const samples: number[] = [];
    // BENCH_CHANGE: one resource per family changed before each refresh (as the refresh bench's second run).
    // BENCH_CHANGE=replaced: one resource per family replaced instead.
    const change = process.env.BENCH_CHANGE === 'replaced'
      ? await oneReplacedPerFamily(sandbox.controlUrl, SANDBOX_ACCOUNT)
      : process.env.BENCH_CHANGE ? await oneChangePerFamily(sandbox.controlUrl, SANDBOX_ACCOUNT) : undefined;
    for (let n = 0; n < refreshes; n++) {
      await change?.(n);
      samples.push((await timed(extension)).wall);
    }
    console.log(`  extension refresh at N=${items}: ${samples.map((x) => x.toFixed(1)).join(', ')} ms`);
    return { items, samples };
  } finally {
    await extension.close();
    await sandbox.stop();
  }
}

/** `timeline - [items] [refreshes]`: see timeline.ts. */
async function timelineRun(items: number, refreshes: number): Promise<void> {
  const sandbox = await startSandboxProcess(ROOT, items);
  const target = { baseUrl: sandbox.baseUrl, token: SANDBOX_TOKEN, accountId: SANDBOX_ACCOUNT };
  const extension = extensionContender(target);
  const floor = floorContender(target);
  try {
    for (let w = 0; w < 5; w++) for (const c of [extension, floor]) await c.refresh();
    const change = await oneChangePerFamily(sandbox.controlUrl, SANDBOX_ACCOUNT);
    let round = 0;
    await timeline(extension, floor, refreshes, async () => {
      await change(round++);
      collect();
    });
  } finally {
    await extension.close();
    await floor.close();
    await sandbox.stop();
  }
}

async function main(): Promise<void> {
  const [mode, out, a, b] = process.argv.slice(2);
  if (mode === 'timeline') return timelineRun(Number(a ?? 1000), Number(b ?? 10));
  if (!out || !['refresh', 'memory', 'profile'].includes(mode ?? '')) throw new Error('usage: main.js refresh|memory|profile <out.json> …');
  const list = (s: string | undefined, d: number[]) => (s ? s.split(',').map(Number) : d);
  const result = mode === 'refresh'
    ? await refreshBench(list(a, [10, 1000, 10000]), list(b, [30, 15, 7]))
    : mode === 'memory'
      ? await memoryBench(Number(a ?? 1000), Number(b ?? 500))
      : await profileRun(Number(a ?? 10000), Number(b ?? 5));
  writeFileSync(out, JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
