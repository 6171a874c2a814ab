import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { allFamilies } from '../../src/families/registry';

// The family registry is the one source: package.json must offer exactly the registered families, and no code
// outside src/families/ may know a family by its id or its name. Each check below reads package.json and the
// descriptors directly; scripts/sync-manifest.ts is what rewrites the manifest when this fails.

interface Manifest {
  contributes: {
    views: { cloudflareZt: { id: string; name: string }[] };
    viewsWelcome: { view: string }[];
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    jsonValidation: { fileMatch: string; url: string }[];
    walkthroughs: { steps: { id: string; completionEvents?: string[] }[] }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const c = manifest.contributes;
const commandIds = new Set(c.commands.map((x) => x.command));
const viewTitle = c.menus['view/title'] ?? [];

describe('package.json offers exactly the registered families', () => {
  test('one view per family, named by its descriptor, in registry order, and nothing else', () => {
    assert.deepEqual(c.views.cloudflareZt.map((v) => [v.id, v.name]), allFamilies.map((f) => [`cloudflareZt.${f.id}`, f.viewName]));
    assert.deepEqual(c.viewsWelcome.map((v) => v.view), allFamilies.map((f) => `cloudflareZt.${f.id}`));
  });

  for (const family of allFamilies) {
    test(`${family.id}: refresh, filter, clear filter, create and look-up commands exist and sit in its view's title menu`, () => {
      const inView = (command: string): boolean => viewTitle.some((m) => m.command === command && (m.when ?? '').includes(`view == cloudflareZt.${family.id}`));
      const own = [`cloudflareZt.refresh.${family.id}`, `cloudflareZt.filter.${family.id}`, `cloudflareZt.clearFilter.${family.id}`, ...(family.create ? [`cloudflareZt.${family.create.command}`] : []), ...(family.lookups ?? []).map((l) => `cloudflareZt.${l.command}`)];
      for (const command of own) {
        assert.ok(commandIds.has(command), `${command} is not contributed`);
        assert.ok(inView(command), `${command} is not in the view's title menu`);
      }
      if (family.create) assert.equal(c.commands.find((x) => x.command === `cloudflareZt.${family.create?.command}`)?.title, family.create.title);
    });

    test(`${family.id}: its documents and drafts are validated by its generated schemas`, () => {
      for (const [suffix, kind] of [[family.documentSuffix, 'edit'], [`${family.documentSuffix}-draft`, 'create']] as const) {
        const entry = c.jsonValidation.find((v) => v.fileMatch === `cfzt:/**/*.${suffix}.json`);
        assert.equal(entry?.url, `./media/schemas/${family.id}.${kind}.schema.json`);
        assert.ok(existsSync(join('media/schemas', `${family.id}.${kind}.schema.json`)), `${family.id}.${kind}.schema.json was not generated`);
      }
    });
  }

  test('no view, schema or refresh command of a family that is not registered', () => {
    const ids = new Set(allFamilies.map((f) => f.id));
    for (const x of c.commands) {
      const m = /^cloudflareZt\.refresh\.(.+)$/.exec(x.command);
      if (m?.[1]) assert.ok(ids.has(m[1]), `${x.command} refreshes an unknown family`);
    }
    assert.equal(c.jsonValidation.length, allFamilies.length * 2);
  });

  test('the walkthrough\'s browse step completes on any family view', () => {
    const browse = c.walkthroughs.flatMap((w) => w.steps).find((s) => s.id === 'browse');
    assert.deepEqual(browse?.completionEvents, allFamilies.map((f) => `onView:cloudflareZt.${f.id}`));
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('families are data: no family is named outside src/families/', () => {
  const outside = sourceFiles('src').filter((p) => !p.startsWith(join('src', 'families')));
  for (const family of allFamilies) {
    test(`${family.id}: its id, title and singular appear nowhere else in src/`, () => {
      const needles = [family.id, family.title, family.singular, family.viewName].map((n) => n.toLowerCase());
      const found = outside.flatMap((path) => {
        const text = readFileSync(path, 'utf8').toLowerCase();
        return needles.filter((n) => text.includes(n)).map((n) => `${path}: "${n}"`);
      });
      assert.deepEqual(found, []);
    });
  }
});
