// `npm run sync:manifest`: rewrites the family-dependent parts of package.json from the registry (see
// family-manifest.ts). `--check` only reports whether they differ (exit 1), changing nothing.
import { readFileSync, writeFileSync } from 'node:fs';
import { allFamilies } from '../src/families/registry';
import { familyContributions, PREFIX, type ManifestCommand, type ManifestMenu } from './family-manifest';

interface Manifest {
  contributes: {
    views: Record<string, unknown[]>;
    viewsWelcome: unknown[];
    commands: ManifestCommand[];
    menus: { 'view/title': ManifestMenu[]; 'view/item/context': ManifestMenu[]; commandPalette: ManifestMenu[] };
    jsonValidation: unknown[];
    walkthroughs: { steps: { id: string; completionEvents?: string[] }[] }[];
  };
}

/** A command owned by the generator: a family's refresh, filter, create or look-up, registered or not any more. */
function isFamilyCommand(command: string, generated: ReadonlySet<string>): boolean {
  return generated.has(command) || ['refresh', 'refreshGroups', 'filter', 'clearFilter', 'exportTerraform'].some((verb) => command.startsWith(`${PREFIX}.${verb}.`));
}

const path = 'package.json';
const before = readFileSync(path, 'utf8');
const manifest = JSON.parse(before) as Manifest;
const wanted = familyContributions(allFamilies);
const owned = new Set(wanted.commands.map((c) => c.command));
const c = manifest.contributes;
c.views[PREFIX] = wanted.views;
c.viewsWelcome = wanted.viewsWelcome;
c.jsonValidation = wanted.jsonValidation;
c.commands = [...c.commands.filter((x) => !isFamilyCommand(x.command, owned)), ...wanted.commands];
c.menus['view/title'] = [...wanted.viewTitle, ...c.menus['view/title'].filter((x) => !isFamilyCommand(x.command, owned))];
c.menus.commandPalette = [...wanted.hidden, ...c.menus.commandPalette.filter((x) => !isFamilyCommand(x.command, new Set()))];
// Row menus the generator owns: an account row's create, a group row's refresh of the group names.
const isGeneratedRowMenu = (x: ManifestMenu): boolean => isFamilyCommand(x.command, owned) && /viewItem == (account|group)$/.test(x.when);
c.menus['view/item/context'] = [...c.menus['view/item/context'].filter((x) => !isGeneratedRowMenu(x)), ...wanted.accountRow];
for (const walkthrough of c.walkthroughs) {
  for (const step of walkthrough.steps) if (step.id === 'browse') step.completionEvents = wanted.browseEvents;
}
const after = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('package.json does not match the family registry: run `npm run sync:manifest`.');
    process.exit(1);
  }
  console.log('package.json matches the family registry.');
} else if (after !== before) {
  writeFileSync(path, after);
  console.log('package.json: family contributions rewritten from the registry.');
} else {
  console.log('package.json already matches the family registry.');
}
