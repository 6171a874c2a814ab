// Writes media/schemas/<familyId>.{create,update,resource,edit}.schema.json from the zod models
// (src/families/jsonSchemas.ts does the rendering). Run by `node esbuild.mjs`. The files are committed,
// so unchanged ones are left untouched and schemas of a family that no longer exists are removed.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAllSchemas } from '../src/families/jsonSchemas';
import { allFamilies } from '../src/families/registry';

const OUT_DIR = join(process.cwd(), 'media', 'schemas');

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const files = renderAllSchemas(allFamilies);
  let changed = 0;
  for (const [name, text] of files) {
    const path = join(OUT_DIR, name);
    if (readIfExists(path) === text) continue;
    writeFileSync(path, text);
    changed++;
  }
  for (const name of readdirSync(OUT_DIR)) {
    if (name.endsWith('.schema.json') && !files.has(name)) rmSync(join(OUT_DIR, name));
  }
  console.log(`schemas: ${files.size} in media/schemas, ${changed} changed`);
}

main();
