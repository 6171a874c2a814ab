import type { AccountNode, GroupNode, ResourceNode } from './nodes';

/**
 * One node object per account, group and resource of a view, reused across refreshes: VS Code knows rows by their
 * object, so a reused one can be repainted alone, and expanded state survives a reload.
 */
export class NodeRegistry {
  private readonly resources = new Map<string, Map<string, ResourceNode>>();
  private readonly groups = new Map<string, GroupNode>();
  private readonly accounts = new Map<string, AccountNode>();

  constructor(private readonly familyId: string) {}

  resource(accountId: string, resourceId: string): ResourceNode {
    let nodes = this.resources.get(accountId);
    if (!nodes) this.resources.set(accountId, (nodes = new Map<string, ResourceNode>()));
    let node = nodes.get(resourceId);
    if (!node) nodes.set(resourceId, (node = { kind: 'resource', familyId: this.familyId, accountId, resourceId }));
    return node;
  }

  /** A group's node; a new one when its label changed (a profile renamed), so the row shows the new name. */
  group(accountId: string, key: string, label: string): GroupNode {
    const id = `${accountId}/${key}`;
    const existing = this.groups.get(id);
    if (existing && existing.label === label) return existing;
    const node: GroupNode = { kind: 'group', familyId: this.familyId, accountId, key, label };
    this.groups.set(id, node);
    return node;
  }

  account(accountId: string): AccountNode {
    let node = this.accounts.get(accountId);
    if (!node) this.accounts.set(accountId, (node = { kind: 'account', familyId: this.familyId, accountId }));
    return node;
  }

  forget(accountId: string): void {
    this.resources.delete(accountId);
    this.accounts.delete(accountId);
    for (const [id, group] of this.groups) if (group.accountId === accountId) this.groups.delete(id);
  }
}
