// The family-dependent part of package.json, computed from the registry (src/families/registry.ts). VS Code and
// vsce read package.json as a static file, so it is not generated during the build: `npm run sync:manifest`
// rewrites these parts, and test/unit/manifest.test.ts fails whenever the manifest and the registry disagree.
import type { FamilyDescriptor } from '../src/families/family';
import { schemaFileName } from '../src/families/jsonSchemas';

export const PREFIX = 'cloudflareZt';
const SIGNED_IN = 'cloudflareZt.signedIn';
const WELCOME = "No Cloudflare account is signed in.\n[Sign in with an API token](command:cloudflareZt.signIn)\nOr use a [Global API Key](command:cloudflareZt.signInGlobalKey). Tokens are kept in VS Code's secret storage.";

export interface ManifestCommand { command: string; title: string; category: string; icon?: string }
export interface ManifestMenu { command: string; when: string; group?: string }

export const viewIdOf = (family: FamilyDescriptor): string => `${PREFIX}.${family.id}`;
export const refreshCommandOf = (family: FamilyDescriptor): string => `${PREFIX}.refresh.${family.id}`;
export const filterCommandOf = (family: FamilyDescriptor): string => `${PREFIX}.filter.${family.id}`;
export const exportTerraformCommandOf = (family: FamilyDescriptor): string => `${PREFIX}.exportTerraform.${family.id}`;
/** Reads a family's group names again (DLP profile names): only families whose rows are grouped have it. */
export const refreshGroupsCommandOf = (family: FamilyDescriptor): string => `${PREFIX}.refreshGroups.${family.id}`;
export const clearFilterCommandOf = (family: FamilyDescriptor): string => `${PREFIX}.clearFilter.${family.id}`;
/** The context key that is true while a view has a filter (its title then offers Clear instead of Filter). */
export const filteredContextOf = (family: FamilyDescriptor): string => `${PREFIX}.filtered.${family.id}`;

/** What package.json must hold for the registered families (each list in sidebar order). */
export function familyContributions(families: readonly FamilyDescriptor[]) {
  const views = families.map((f) => ({ id: viewIdOf(f), name: f.viewName, icon: 'media/cloudflare.svg', contextualTitle: 'Cloudflare Zero Trust' }));
  const viewsWelcome = families.map((f) => ({ view: viewIdOf(f), when: `!${SIGNED_IN}`, contents: WELCOME }));
  const commands: ManifestCommand[] = [];
  const viewTitle: ManifestMenu[] = [];
  const hidden: ManifestMenu[] = [];
  const accountRow: ManifestMenu[] = [];
  for (const f of families) {
    const inView = `view == ${viewIdOf(f)} && ${SIGNED_IN}`;
    commands.push({ command: refreshCommandOf(f), title: `Refresh ${f.viewName}`, category: 'Cloudflare ZT', icon: '$(refresh)' });
    viewTitle.push({ command: refreshCommandOf(f), when: inView, group: 'navigation@9' });
    hidden.push({ command: refreshCommandOf(f), when: 'false' });
    commands.push({ command: filterCommandOf(f), title: `Filter ${f.viewName}…`, category: 'Cloudflare ZT', icon: '$(filter)' });
    viewTitle.push({ command: filterCommandOf(f), when: `${inView} && !${filteredContextOf(f)}`, group: 'navigation@5' });
    hidden.push({ command: filterCommandOf(f), when: SIGNED_IN });
    commands.push({ command: clearFilterCommandOf(f), title: `Clear the filter of ${f.viewName}`, category: 'Cloudflare ZT', icon: '$(clear-all)' });
    viewTitle.push({ command: clearFilterCommandOf(f), when: `${inView} && ${filteredContextOf(f)}`, group: 'navigation@5' });
    hidden.push({ command: clearFilterCommandOf(f), when: filteredContextOf(f) });
    commands.push({ command: exportTerraformCommandOf(f), title: `Export ${f.viewName} to Terraform…`, category: 'Cloudflare ZT', icon: '$(export)' });
    viewTitle.push({ command: exportTerraformCommandOf(f), when: inView, group: '3_terraform@1' });
    hidden.push({ command: exportTerraformCommandOf(f), when: SIGNED_IN });
    if (f.create) {
      commands.push({ command: `${PREFIX}.${f.create.command}`, title: f.create.title, category: 'Cloudflare ZT', icon: '$(add)' });
      viewTitle.push({ command: `${PREFIX}.${f.create.command}`, when: inView, group: 'navigation@1' });
      // On an account's row, the create goes to that account without asking.
      accountRow.push({ command: `${PREFIX}.${f.create.command}`, when: `view == ${viewIdOf(f)} && viewItem == account`, group: 'inline' });
    }
    if (f.grouping) {
      const noun = f.grouping.groupNoun.split(' ').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
      commands.push({ command: refreshGroupsCommandOf(f), title: `Refresh ${noun} Names`, category: 'Cloudflare ZT', icon: '$(refresh)' });
      viewTitle.push({ command: refreshGroupsCommandOf(f), when: inView, group: '2_groups@1' });
      accountRow.push({ command: refreshGroupsCommandOf(f), when: `view == ${viewIdOf(f)} && viewItem == group`, group: '1_groups@1' });
      hidden.push({ command: refreshGroupsCommandOf(f), when: SIGNED_IN });
    }
    for (const lookup of f.lookups ?? []) {
      commands.push({ command: `${PREFIX}.${lookup.command}`, title: lookup.title, category: 'Cloudflare ZT', icon: '$(search)' });
      viewTitle.push({ command: `${PREFIX}.${lookup.command}`, when: inView, group: '1_find' });
    }
  }
  const jsonValidation = families.flatMap((f) => [
    { fileMatch: `cfzt:/**/*.${f.documentSuffix}.json`, url: `./media/schemas/${schemaFileName(f.id, 'edit')}` },
    { fileMatch: `cfzt:/**/*.${f.documentSuffix}-draft.json`, url: `./media/schemas/${schemaFileName(f.id, 'create')}` },
  ]);
  const browseEvents = families.map((f) => `onView:${viewIdOf(f)}`);
  return { views, viewsWelcome, commands, viewTitle, hidden, accountRow, jsonValidation, browseEvents };
}
