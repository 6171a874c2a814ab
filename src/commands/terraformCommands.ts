import * as vscode from 'vscode';
import type { AccountInfo } from '../auth/accountStore';
import type { ResourceBase } from '../families/family';
import { isFamilyId } from '../families/registry';
import { exportTerraform, type ExportItem } from '../terraform';
import { Refusal, UserCancelled } from '../ui/errors';
import { chooseAccount } from './chooseAccount';
import { copyToClipboard, isResourceNode } from './pickResource';
import { cacheOf, type PickDeps, type Services } from './services';

type TerraformDeps = PickDeps & Pick<Services, 'log'>;

/** "Export to Terraform…" on a resource row, on an account row, or (no row) every family of one account. */
export async function exportToTerraform(services: TerraformDeps, target: unknown): Promise<vscode.TextDocument | vscode.Uri> {
  if (isResourceNode(target) && isFamilyId(target.familyId)) {
    const resource = cacheOf(services, target.accountId, target.familyId).get(target.resourceId);
    if (!resource) throw new Refusal('That resource is no longer in the list; refresh the view.');
    return deliver(services, [{ accountId: target.accountId, familyId: target.familyId, resource }]);
  }
  const account = await chooseAccount(services, target, 'Export which account to Terraform?');
  return deliver(services, await itemsOf(services, [account], services.families.map((f) => f.id)));
}

/** A view's "Export to Terraform…": its family, in every account the view has opened (or the one it shows). */
export async function exportFamilyToTerraform(services: TerraformDeps, familyId: string): Promise<vscode.TextDocument | vscode.Uri> {
  const shown = services.session.shownAccounts();
  const opened = shown.filter((a) => services.caches.isOpened(a.id));
  const accounts = opened.length > 0 ? opened : [await chooseAccount(services, undefined, 'Export from which account?')];
  return deliver(services, await itemsOf(services, accounts, [familyId]));
}

/** "Copy as Terraform" on a row: the resource block, its import block and its variables, without the provider block. */
export async function copyAsTerraform(services: TerraformDeps, target: unknown): Promise<string> {
  if (!isResourceNode(target) || !isFamilyId(target.familyId)) throw new Refusal('Run "Copy as Terraform" on a resource row.');
  const resource = cacheOf(services, target.accountId, target.familyId).get(target.resourceId);
  if (!resource) throw new Refusal('That resource is no longer in the list; refresh the view.');
  const text = exportTerraform([{ accountId: target.accountId, familyId: target.familyId, resource }], { requiredProviders: false });
  await copyToClipboard(services, text, 'it as Terraform (a resource block and its import block; secrets are variables, never values)');
  return text;
}

async function itemsOf(services: PickDeps, accounts: readonly AccountInfo[], familyIds: readonly string[]): Promise<ExportItem[]> {
  await Promise.all(accounts.map((a) => services.caches.load(a.id, familyIds)));
  const items: ExportItem[] = [];
  for (const account of accounts) {
    for (const familyId of familyIds.filter(isFamilyId)) {
      const cache = cacheOf(services, account.id, familyId);
      // A list that failed (a missing permission, a feature the account lacks) exports nothing, and says so.
      const title = services.families.find((f) => f.id === familyId)?.title ?? familyId;
      if (cache.state.status === 'error') void services.prompts.warning(`${account.name}: ${title} could not be listed, so they are not in the export.`);
      items.push(...cache.items().map((resource: ResourceBase) => ({ accountId: account.id, familyId, resource })));
    }
  }
  if (items.length === 0) throw new Refusal(`Nothing to export from ${accounts.map((a) => a.name).join(', ')}.`);
  return items;
}

/** The language VS Code knows Terraform by, when an extension for it is installed; else plain text. */
async function terraformLanguage(): Promise<string> {
  const known = await vscode.languages.getLanguages();
  return ['terraform', 'hcl'].find((id) => known.includes(id)) ?? 'plaintext';
}

/**
 * Opens the HCL as an untitled document, or writes it to a workspace file the user picks. The text names no secret:
 * write-only values are `var.…` references the user sets outside the file.
 */
async function deliver(services: TerraformDeps, items: readonly ExportItem[]): Promise<vscode.TextDocument | vscode.Uri> {
  const text = exportTerraform(items);
  const folder = vscode.workspace.workspaceFolders?.[0];
  let where: 'untitled' | 'file' = 'untitled';
  if (folder) {
    const picked = await services.prompts.pickOne(
      [
        { label: 'Open as a new untitled document', where: 'untitled' as const },
        { label: 'Save to a file in the workspace…', where: 'file' as const },
      ],
      { title: `Export ${items.length} resource${items.length === 1 ? '' : 's'} to Terraform` },
    );
    if (!picked) throw new UserCancelled();
    where = picked.where;
  }
  const secrets = (text.match(/sensitive\s*=\s*true/g) ?? []).length;
  const note = `Exported ${items.length} resource${items.length === 1 ? '' : 's'} with import blocks${secrets > 0 ? `; ${secrets} write-only secret${secrets === 1 ? ' is a variable' : 's are variables'} to set (TF_VAR_…), never written in the file` : ''}.`;
  if (where === 'file' && folder) {
    const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder.uri, 'cloudflare-zero-trust.tf'), filters: { Terraform: ['tf'] }, title: 'Save the Terraform export' });
    if (!uri) throw new UserCancelled();
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri, { preview: false });
    void services.prompts.info(note);
    return uri;
  }
  const document = await vscode.workspace.openTextDocument({ language: await terraformLanguage(), content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  void services.prompts.info(note);
  return document;
}
