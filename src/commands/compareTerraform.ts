import * as vscode from 'vscode';
import type { AccountInfo } from '../auth/accountStore';
import type { ResourceBase } from '../families/family';
import { isFamilyId, type FamilyId } from '../families/registry';
import { compareWithTerraform, type LiveResources, type ResourceDrift } from '../terraform';
import { DriftMarks, type DriftMark } from '../tree/driftMarks';
import { Refusal, UserCancelled } from '../ui/errors';
import { chooseAccount } from './chooseAccount';
import { cacheOf, type PickDeps, type Services } from './services';

type CompareDeps = PickDeps & Pick<Services, 'drift' | 'serverCopies' | 'log'>;

/** What "Compare with Terraform" found, for the caller (tests) and the picker. */
export interface TerraformComparison {
  readonly drift: readonly ResourceDrift[];
  readonly errors: readonly { readonly file: string; readonly message: string }[];
  readonly accounts: readonly string[];
}

/**
 * Compares the workspace's `.tf` files with the live resources: rows that differ are marked, every matched row's hover
 * names its file and line, and a picker lists each declared resource with its outcome; picking one opens a diff of
 * the Terraform literals against the live values.
 */
export async function compareTerraform(services: CompareDeps): Promise<TerraformComparison> {
  const files = await workspaceTerraform();
  if (files.length === 0) throw new Refusal('There are no .tf files in this workspace to compare with.');
  const accounts = await accountsToCompare(services, files.map((f) => f.text));
  await Promise.all(accounts.map((a) => services.caches.load(a.id)));
  const live: Map<string, Partial<Record<FamilyId, readonly ResourceBase[]>>> = new Map();
  for (const account of accounts) {
    const lists: Partial<Record<FamilyId, readonly ResourceBase[]>> = {};
    for (const family of services.families) if (isFamilyId(family.id)) lists[family.id] = cacheOf(services, account.id, family.id).items();
    live.set(account.id, lists);
  }
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Comparing with Terraform' }, () => compareWithTerraform(files, live as LiveResources));
  services.drift.replace(marksOf(report.resources));
  for (const error of report.errors) services.log.warn(`Compare with Terraform: ${error.file} does not parse: ${error.message}`);
  const result = { drift: report.resources, errors: report.errors, accounts: accounts.map((a) => a.name) };
  await pickAndShow(services, result);
  return result;
}

/** Every `.tf` file of the workspace (not Terraform's own cache or node_modules), with a workspace-relative path. */
async function workspaceTerraform(): Promise<{ path: string; text: string }[]> {
  const uris = await vscode.workspace.findFiles('**/*.tf', '{**/.terraform/**,**/node_modules/**}', 500);
  const decoder = new TextDecoder();
  const files = await Promise.all(uris.map(async (uri) => ({ path: vscode.workspace.asRelativePath(uri, false), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) })));
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The accounts to compare with: those the files name (an import id or `account_id` holds the account's id), the ones
 * opened in the views, or else the one the user picks. An account that is not loaded would make its resources look
 * deleted, so every account the files name is loaded.
 */
async function accountsToCompare(services: PickDeps, texts: readonly string[]): Promise<AccountInfo[]> {
  const signedIn = services.session.accounts();
  const named = signedIn.filter((a) => texts.some((t) => t.includes(a.id)));
  const opened = services.session.shownAccounts().filter((a) => services.caches.isOpened(a.id));
  const chosen = [...new Map([...named, ...opened].map((a) => [a.id, a])).values()];
  return chosen.length > 0 ? chosen : [await chooseAccount(services, undefined, 'Compare with which account?')];
}

function marksOf(drift: readonly ResourceDrift[]): Map<string, DriftMark> {
  const marks = new Map<string, DriftMark>();
  for (const d of drift) {
    if (d.status === 'missingLive' || !d.live) continue;
    marks.set(DriftMarks.key(d.live.accountId, d.familyId, d.live.id), {
      status: d.status,
      where: d.line > 0 ? `${d.file}:${d.line}` : d.file,
      address: d.address,
      differences: d.changes.map((c) => `${c.path}: ${show(c.workspace)} in Terraform, ${show(c.live)} live`),
      expressions: d.expressions.map((e) => e.path),
    });
  }
  return marks;
}

function show(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

const OUTCOME: Record<ResourceDrift['status'], string> = { changed: '$(diff) differs', equal: '$(check) matches', missingLive: '$(warning) not found live' };

/** The picker of declared resources, differences first; a pick opens its diff (or says why there is none). */
async function pickAndShow(services: CompareDeps, result: TerraformComparison): Promise<void> {
  const order = { changed: 0, missingLive: 1, equal: 2 };
  const items = [...result.drift].sort((a, b) => order[a.status] - order[b.status] || a.address.localeCompare(b.address)).map((d) => ({
    label: d.address,
    description: `${OUTCOME[d.status]}${d.expressions.length > 0 ? ` · ${d.expressions.length} expression${d.expressions.length === 1 ? '' : 's'} not compared` : ''}${d.v4Blocks.length > 0 ? ' · v4 block syntax' : ''}`,
    detail: `${d.line > 0 ? `${d.file}:${d.line}` : d.file}${d.reason ? ` · ${d.reason}` : ''}`,
    drift: d,
  }));
  const parseErrors = result.errors.map((e) => `${e.file} does not parse`).join('; ');
  const changed = result.drift.filter((d) => d.status === 'changed').length;
  const title = `Terraform vs ${result.accounts.join(', ')}: ${changed} of ${result.drift.length} differ${parseErrors ? ` (${parseErrors})` : ''}`;
  if (items.length === 0) {
    void services.prompts.info(`No Cloudflare Zero Trust resource blocks in the workspace's .tf files${parseErrors ? ` (${parseErrors})` : ''}.`);
    return;
  }
  const picked = await services.prompts.pickOne(items, { title, placeHolder: 'Pick a resource to see its differences', matchOnDescription: true, matchOnDetail: true });
  if (!picked) throw new UserCancelled();
  await showDrift(services, picked.drift);
}

/** One resource's drift as a diff: the Terraform literals on the left, the live values on the right. */
async function showDrift(services: CompareDeps, drift: ResourceDrift): Promise<void> {
  if (drift.status === 'missingLive') {
    void services.prompts.warning(`${drift.address} (${drift.file}:${drift.line}) matches no live resource: ${drift.reason ?? 'not found'}.`);
    return;
  }
  const lines = (side: 'workspace' | 'live'): string => [
    ...drift.changes.map((c) => `${c.path} = ${show(c[side])}`),
    ...drift.expressions.map((e) => `${e.path} = ${side === 'workspace' ? e.expression : '(not compared: an expression)'}`),
  ].join('\n') || '(every literal value matches)';
  await services.serverCopies.showTextDiff(
    { text: `${lines('workspace')}\n`, name: `${drift.address}.terraform.hcl` },
    { text: `${lines('live')}\n`, name: `${drift.address}.cloudflare.hcl` },
    `${drift.address}: Terraform (${drift.file}:${drift.line}) ↔ Cloudflare`,
  );
}
