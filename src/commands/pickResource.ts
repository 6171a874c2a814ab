import * as vscode from 'vscode';
import type { AccountInfo } from '../auth/accountStore';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { TreeNode } from '../tree/nodes';
import { Refusal, UserCancelled } from '../ui/errors';
import { chooseAccount } from './chooseAccount';
import { cacheOf, familyOf, type PickDeps, type Services } from './services';

export interface PickedResource {
  readonly family: FamilyDescriptor;
  readonly resource: ResourceBase;
  readonly accountId: string;
}

/** A resource as a picker shows it: name, then what it is and its state, then its account and (DLP) profile. */
export interface ResourcePickItem extends vscode.QuickPickItem, PickedResource {}

/** "Acme Corp · DLP profile: Confidential": where a resource lives, so two of the same name can be told apart. */
export function whereItLives(services: Pick<Services, 'caches'>, family: FamilyDescriptor, account: AccountInfo, resource: ResourceBase): string {
  const grouping = family.grouping;
  if (!grouping) return account.name;
  const state = cacheOf(services, account.id, family.id).state;
  const key = grouping.groupOf(resource);
  const label = (state.status === 'loaded' ? state.groupLabels.get(key) : undefined) ?? (key ? grouping.unknownGroupLabel(key) : grouping.ungroupedLabel);
  return `${account.name} · ${grouping.groupNoun}: ${label}`;
}

/** The picker items of the loaded resources of some families in some accounts. */
export function resourceItems(services: PickDeps, accounts: readonly AccountInfo[], families: readonly FamilyDescriptor[], label?: (family: FamilyDescriptor, resource: ResourceBase) => string): ResourcePickItem[] {
  return accounts.flatMap((account) => families.flatMap((family) => cacheOf(services, account.id, family.id).items().map((resource): ResourcePickItem => ({
    label: label?.(family, resource) ?? family.displayName(resource),
    description: `${family.singular} · ${family.describe(resource).text}`,
    detail: whereItLives(services, family, account, resource),
    family,
    resource,
    accountId: account.id,
  }))));
}

/**
 * The accounts a picker offers resources from: the opened ones (expanded in a view, or used by a command). With none
 * opened, the only shown account, or the one the user picks, is loaded first.
 */
export async function accountsToPickFrom(services: PickDeps, title: string, familyIds: readonly string[]): Promise<AccountInfo[]> {
  const opened = services.session.shownAccounts().filter((a) => services.caches.isOpened(a.id));
  const accounts = opened.length > 0 ? opened : [await chooseAccount(services, undefined, title)];
  await Promise.all(accounts.map((a) => services.caches.load(a.id, familyIds)));
  return accounts;
}

/**
 * The resource a node command acts on: the tree node it was invoked on, or, from the command palette, one the user
 * picks from the opened accounts (loading them first when needed).
 */
export async function resourceFromNodeOrPick(
  services: PickDeps, node: unknown, options: { title: string; filter?: (family: FamilyDescriptor) => boolean },
): Promise<PickedResource> {
  if (isResourceNode(node)) {
    const family = familyOf(services, node.familyId);
    const resource = cacheOf(services, node.accountId, node.familyId).get(node.resourceId);
    if (!resource) throw new Refusal('That resource is no longer in the list; refresh the view.');
    return { family, resource, accountId: node.accountId };
  }
  const families = services.families.filter((f) => options.filter?.(f) ?? true);
  const accounts = await accountsToPickFrom(services, options.title, families.map((f) => f.id));
  const items = resourceItems(services, accounts, families);
  if (items.length === 0) throw new Refusal(`Nothing to pick in ${accounts.map((a) => a.name).join(', ')}.`);
  const picked = await services.prompts.pickOne(items, { title: options.title, placeHolder: 'Type to filter by name, type, account or profile', matchOnDescription: true, matchOnDetail: true });
  if (!picked) throw new UserCancelled();
  return { family: picked.family, resource: picked.resource, accountId: picked.accountId };
}

export function isMessageNode(value: unknown): value is Extract<TreeNode, { kind: 'message' }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'message';
}

export function isResourceNode(value: unknown): value is Extract<TreeNode, { kind: 'resource' }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'resource';
}

export function isGroupNode(value: unknown): value is Extract<TreeNode, { kind: 'group' }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'group';
}

export async function copyToClipboard(services: Pick<Services, 'prompts'>, text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void services.prompts.info(`Copied ${what}.`);
}
