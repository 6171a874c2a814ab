// Builds the extension bundle, the JSON Schemas for the editor, the sandbox API and the test bundles.
//   node esbuild.mjs                 everything, development (source maps, not minified)
//   node esbuild.mjs --production    minified extension bundle + dist/meta.json (bundle size per dependency)
//   node esbuild.mjs --tests-only    sandbox + test bundles only (no extension, no schemas)
//   node esbuild.mjs --sandbox-only  the sandbox CLI only
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    // The HCL parser stays a package: bundled, it would look for its .wasm beside the test file.
    await build({ ...node, external: ['vscode', 'mocha', HCL_PARSER], entryPoints: hostTests, outdir: 'out/test/integration', outbase: 'test/integration', sourcemap: true });
  }
}

async function buildSchemas() {
  // The JSON Schemas are generated from the zod models, so editor validation can never drift from the client's.
  await build({ ...node, packages: 'external', entryPoints: ['scripts/gen-schemas.ts'], outfile: 'out/scripts/gen-schemas.js' });
  execFileSync(process.execPath, ['out/scripts/gen-schemas.js'], { stdio: 'inherit' });
}

// The HCL parser (@cdktf/hcl2json: Go's HCL compiled to WebAssembly) is its own chunk, dist/hcl2json/lib/index.js,
// loaded by the extension only when a Terraform command parses a file: activation and dist/extension.js stay as
// they were. The package reads `${__dirname}/../main.wasm.gz`, so the chunk keeps the package's layout and the
// .wasm goes to dist/hcl2json/main.wasm.gz; nothing in the package is patched.
const HCL_PARSER = '@cdktf/hcl2json';
const HCL_PARSER_DIR = join('node_modules', HCL_PARSER);

/** The extension's `require('@cdktf/hcl2json')` becomes a require of the chunk, relative to dist/extension.js. */
const hclParserAsChunk = {
  name: 'hcl-parser-as-chunk',
  setup(b) {
    b.onResolve({ filter: /^@cdktf\/hcl2json$/ }, () => ({ path: './hcl2json/lib/index.js', external: true }));
  },
};

async function buildHclParser() {
  const { version, license } = JSON.parse(readFileSync(join(HCL_PARSER_DIR, 'package.json'), 'utf8'));
  const result = await build({
    ...node,
    entryPoints: [join(HCL_PARSER_DIR, 'lib/index.js')],
    outfile: 'dist/hcl2json/lib/index.js',
    // Required only where Node lacks a global `performance` (Node < 16); no such module exists to bundle.
    external: ['performance'],
    minify: production,
    // Which packages the chunk holds, for the .vsix's THIRD-PARTY-NOTICES.md (scripts/third-party-notices.mjs).
    metafile: true,
    // Minifying drops the package's licence comments, so the chunk says what it is and where its source is.
    banner: { js: `// ${HCL_PARSER} ${version} (${license}; source: https://github.com/hashicorp/terraform-cdk, packages/@cdktf/hcl2json), with fs-extra (MIT), bundled by esbuild.mjs` },
  });
  writeFileSync('dist/hcl2json-meta.json', JSON.stringify(result.metafile));
  mkdirSync('dist/hcl2json', { recursive: true });
  copyFileSync(join(HCL_PARSER_DIR, 'main.wasm.gz'), 'dist/hcl2json/main.wasm.gz');
}

async function buildExtension() {
  const result = await build({
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [hclParserAsChunk],
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
  await Promise.all([buildExtension(), buildHclParser(), buildSandbox(), buildTests()]);
}
console.log(`built (${production ? 'production' : 'development'}) in ${relative(process.cwd(), '.') || '.'}`);
