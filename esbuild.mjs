// Builds the extension bundle, the JSON Schemas for the editor, the sandbox API and the test bundles.
//   node esbuild.mjs                 everything, development (source maps, not minified)
//   node esbuild.mjs --production    minified extension bundle + dist/meta.json (bundle size per dependency)
//   node esbuild.mjs --tests-only    sandbox + test bundles only (no extension, no schemas)
//   node esbuild.mjs --sandbox-only  the sandbox CLI only
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const testsOnly = args.has('--tests-only');
const sandboxOnly = args.has('--sandbox-only');

const node = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };

/** All files under `dir` whose name passes `keep`, recursively. */
function filesUnder(dir, keep) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, keep) : keep(name) ? [path] : [];
  });
}

async function buildSandbox() {
  if (!existsSync('test/sandbox/cli.ts')) return;
  await build({ ...node, packages: 'external', entryPoints: ['test/sandbox/cli.ts'], outfile: 'out/sandbox/cli.js', sourcemap: true });
}

async function buildTests() {
  // Plain-Node tests (unit, API against the sandbox): node_modules stay external, resolved at run time.
  const nodeTests = [...filesUnder('test/unit', (n) => n.endsWith('.test.ts')), ...filesUnder('test/api', (n) => n.endsWith('.test.ts'))];
  if (nodeTests.length) {
    await build({ ...node, packages: 'external', entryPoints: nodeTests, outdir: 'out/test', outbase: 'test', sourcemap: true });
  }
  // Extension-host tests: loaded by VS Code; `vscode` is provided by the host, mocha from node_modules.
  const hostTests = filesUnder('test/integration', (n) => n.endsWith('.ts'));
  if (hostTests.length) {
    await build({ ...node, external: ['vscode', 'mocha'], entryPoints: hostTests, outdir: 'out/test/integration', outbase: 'test/integration', sourcemap: true });
  }
}

async function buildSchemas() {
  // The JSON Schemas are generated from the zod models, so editor validation can never drift from the client's.
  await build({ ...node, packages: 'external', entryPoints: ['scripts/gen-schemas.ts'], outfile: 'out/scripts/gen-schemas.js' });
  execFileSync(process.execPath, ['out/scripts/gen-schemas.js'], { stdio: 'inherit' });
}

async function buildExtension() {
  const result = await build({
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    metafile: true,
    // zod and undici ship ESM and CJS; prefer the module entry so unused parts can be dropped.
    mainFields: ['module', 'main'],
  });
  writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
  if (production) {
    const bytes = statSync('dist/extension.js').size;
    console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KiB (per-dependency sizes: node scripts/bundle-size.mjs)`);
  }
}

if (sandboxOnly) {
  await buildSandbox();
} else if (testsOnly) {
  await Promise.all([buildSandbox(), buildTests()]);
} else {
  if (production) rmSync('dist', { recursive: true, force: true });
  if (existsSync('scripts/gen-schemas.ts')) await buildSchemas();
  await Promise.all([buildExtension(), buildSandbox(), buildTests()]);
}
console.log(`built (${production ? 'production' : 'development'}) in ${relative(process.cwd(), '.') || '.'}`);
