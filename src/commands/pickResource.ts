import { NotSignedIn } from '../auth/session';
import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { cacheOf, familyOf, type PickDeps, type Services } from './services';
import type { TreeNode } from '../tree/nodes';
import { Refusal, UserCancelled } from '../ui/errors';

export interface PickedResource {
  readonly family: FamilyDescriptor;
  readonly resource: ResourceBase;
  readonly accountId: string;
}

/**
 * The resource a node command acts on: the tree node it was invoked on, or, from the command palette,
 * one the user picks from every loaded family (loading them first when needed).
 */
export async function resourceFromNodeOrPick(
  services: PickDeps, node: unknown, options: { title: string; filter?: (family: FamilyDescriptor) => boolean },
): Promise<PickedResource> {
  const account = services.session.account();
  if (!account) throw new NotSignedIn();
  if (isResourceNode(node)) {
    const family = familyOf(services, node.familyId);
    const resource = cacheOf(services, node.familyId).get(node.resourceId);
    if (!resource) throw new Refusal('That resource is no longer in the list; refresh the view.');
    return { family, resource, accountId: node.accountId };
  }
  const families = services.families.filter((f) => options.filter?.(f) ?? true);
  await Promise.all(families.map(async (f) => {
    const cache = cacheOf(services, f.id);
    if (cache.state.status !== 'loaded') await cache.reload();
  }));
  const items = families.flatMap((family) => cacheOf(services, family.id).items().map((resource) => ({
    label: family.displayName(resource),
    description: family.describe(resource).text,
    detail: `${family.singular} · ${resource.id}`,
    family,
    resource,
  })));
  if (items.length === 0) throw new Refusal(`Nothing to pick in ${account.name}.`);
  const picked = await services.prompts.pickOne(items, { title: options.title, placeHolder: 'Type to filter by name', matchOnDetail: true });
  if (!picked) throw new UserCancelled();
  return { family: picked.family, resource: picked.resource, accountId: account.id };
}

export function isMessageNode(value: unknown): value is Extract<TreeNode, { kind: 'message' }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'message';
}

export function isResourceNode(value: unknown): value is Extract<TreeNode, { kind: 'resource' }> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'resource';
}

export async function copyToClipboard(services: Pick<Services, 'prompts'>, text: string, what: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  void services.prompts.info(`Copied ${what}.`);
}
