import type * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';

// What a family's rows show besides the resource itself, from other parts of the extension: the names of the
// resources a row refers to, and which resources hold edits not applied.

/** The names of other families' resources, for rows that reference them (a rule reads an integration). */
export interface ReferenceNames {
  /** The display name of a resource of a family in an account, or undefined while its list is not loaded. */
  nameOf(accountId: string, familyId: string, resourceId: string): string | undefined;
  onDidChange(familyId: string, listener: () => void): vscode.Disposable;
}

/** The value at a dotted path of a resource. */
function valueAt(resource: ResourceBase, path: string): unknown {
  let current: unknown = resource;
  for (const key of path.split('.')) current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[key] : undefined;
  return current;
}

/** What the tree needs to know about edits not applied (the editor's PendingEdits provides it). */
export interface PendingMarks {
  pendingUri(accountId: string, familyId: string, resourceId: string): vscode.Uri | undefined;
  readonly onDidChangeResource: vscode.Event<{ readonly accountId: string; readonly familyId: string; readonly resourceId: string }>;
}

/** "reads Corp CrowdStrike" for each reference the resource holds (the id, shortened, while the name is unknown). */
export function referenceNotes<R extends ResourceBase>(family: FamilyDescriptor<R>, names: ReferenceNames, accountId: string, resource: R): string[] {
  const notes: string[] = [];
  for (const reference of family.references ?? []) {
    const id = valueAt(resource, reference.field);
    if (typeof id !== 'string' || id === '') continue;
    notes.push(`${reference.verb} ${names.nameOf(accountId, reference.family, id) ?? `${id.slice(0, 8)}…`}`);
  }
  return notes;
}
