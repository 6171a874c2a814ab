// Contract check: runs the API round-trip suite (out/test/api/contract-*.test.js) a second time, through
// `prism proxy` loaded with Cloudflare's official OpenAPI fragments, in front of the sandbox. Prism validates
// every request and response against the contract; any "Violation" fails the run. This keeps both the client
// and the sandbox honest to what Cloudflare documents. The sandbox runs with the spec's device posture `config`
// shape; CONTRACT_POSTURE_SHAPE=live shows the check biting (Cloudflare's real answers break the spec's
// Workspace-ONE-only response shape).
//
// Two fragments, one prism: zt-integrations.openapi.json (the three integration families, accounts, tokens)
// and zt-related.openapi.json (posture rules, Access identity providers and policies, Gateway rules, audit
// logs) are merged into one description in a temporary file. One proxy in front of one sandbox keeps a single
// base URL for every test, so a test can create an integration and then the rule that reads it, each request
// validated against the operation it belongs to. The merge refuses overlapping paths and same-named components
// that differ (today they share five identical schemas), so it can never hide a difference between the two.
import { spawn } from 'node:child_process';
import { launchSandbox } from './lib/sandbox-launcher.mjs';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specFiles = ['test/contract/zt-integrations.openapi.json', 'test/contract/zt-related.openapi.json'].map((f) => join(root, f));

/** One OpenAPI document from several fragments of the same spec; throws on anything that would not merge cleanly. */
function mergeSpecs(files) {
  const specs = files.map((file) => ({ file, spec: JSON.parse(readFileSync(file, 'utf8')) }));
  const [first] = specs;
  const merged = {
    ...first.spec,
    info: { ...first.spec.info, title: `Merged for the contract check: ${specs.map((s) => s.spec.info.title).join(' + ')}` },
    paths: {},
    components: {},
  };
  for (const { file, spec } of specs) {
    for (const key of ['openapi', 'servers', 'security']) {
      if (!isDeepStrictEqual(spec[key], first.spec[key])) throw new Error(`${file}: ${key} differs from ${first.file}`);
    }
    for (const [path, item] of Object.entries(spec.paths)) {
      if (path in merged.paths) throw new Error(`${file}: path ${path} is in two fragments`);
      merged.paths[path] = item;
    }
    for (const [section, entries] of Object.entries(spec.components ?? {})) {
      merged.components[section] ??= {};
      for (const [name, value] of Object.entries(entries)) {
        const known = merged.components[section][name];
        if (known !== undefined && !isDeepStrictEqual(known, value)) throw new Error(`${file}: components.${section}.${name} differs between fragments`);
        merged.components[section][name] = value;
      }
    }
  }
  return merged;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child and resolves once a line of its output matches `ready`. */
function startChild(name, cmd, args, ready, sink) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 60 s:\n${buffer.slice(-2000)}`)), 60_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      buffer += text;
      sink?.(text);
      const match = ready.exec(buffer);
      if (match) { clearTimeout(timer); resolve({ child, match }); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${name} exited (${code}):\n${buffer.slice(-2000)}`)); });
  });
}

const files = readdirSync(join(root, 'out/test/api')).filter((f) => /^contract-.*\.test\.js$/.test(f)).map((f) => join(root, 'out/test/api', f));
if (files.length === 0) {
  console.error('contract check: no out/test/api/contract-*.test.js (build first)');
  process.exit(2);
}

let prismLog = '';
const children = [];
/** @type {import('./lib/sandbox-launcher.mjs').SandboxProcess | undefined} */
let sandbox;
let exitCode = 1;
const specDir = mkdtempSync(join(tmpdir(), 'zt-contract-'));
const spec = join(specDir, 'merged.openapi.json');
try {
  writeFileSync(spec, JSON.stringify(mergeSpecs(specFiles)));
  sandbox = launchSandbox({ root, port: 0, args: ['--posture-config-shape', process.env.CONTRACT_POSTURE_SHAPE ?? 'spec'] });
  const { baseUrl: sandboxBase, controlUrl: sandboxControl } = await sandbox.ready;
  const prismPort = await freePort();
  const prism = await startChild('prism', process.execPath,
    [join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'proxy', spec, sandboxBase, '--port', String(prismPort), '--host', '127.0.0.1', '--errors'],
    /Prism is listening on/, (text) => { prismLog += text; });
  children.push(prism.child);
  console.log(`contract check: prism ${prismPort} (${specFiles.length} fragments merged) → sandbox ${sandboxBase}`);

  const tests = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CF_TEST_API_BASE: `http://127.0.0.1:${prismPort}`, CF_TEST_SANDBOX_CONTROL: sandboxControl, CF_TEST_THROUGH_PRISM: '1' },
  });
  let testOutput = '';
  tests.stdout.on('data', (d) => { testOutput += d; process.stdout.write(d); });
  tests.stderr.on('data', (d) => { testOutput += d; process.stderr.write(d); });
  const testsCode = await new Promise((resolve) => tests.on('close', resolve));
  await new Promise((r) => setTimeout(r, 300)); // let prism flush its last log lines

  const violations = prismLog.split('\n').filter((line) => /violation/i.test(line));
  const requests = (prismLog.match(/Request received/g) ?? []).length;
  for (const line of violations) console.log(`  ${line.trim()}`);
  const passed = Number(/ℹ pass (\d+)/.exec(testOutput)?.[1] ?? 0);
  const failed = Number(/ℹ fail (\d+)/.exec(testOutput)?.[1] ?? 1);
  console.log(`contract check: ${requests} requests through prism, ${violations.length} violations`);
  exitCode = testsCode === 0 && violations.length === 0 && passed > 0 ? 0 : 1;
  console.log(`contract: ${passed} passed, ${failed + (violations.length > 0 ? 1 : 0)} failed`);
} catch (error) {
  console.error(`contract check: ${error.message}`);
  console.log('contract: 0 passed, 1 failed');
} finally {
  for (const child of children) child.kill('SIGTERM');
  await sandbox?.stop();
  rmSync(specDir, { recursive: true, force: true });
}
process.exit(exitCode);
