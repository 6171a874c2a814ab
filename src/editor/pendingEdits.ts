import * as vscode from 'vscode';
import type { FamilyDescriptor } from '../families/family';
import { jsonEqual, toEditView } from './editModel';
import type { ResourceFileSystem } from './resourceFileSystem';
import { documentKey, parseDocumentUri } from './uris';

/** A live resource, as the tree knows it. */
export interface PendingResource {
  readonly accountId: string;
  readonly familyId: string;
  readonly resourceId: string;
}

/**
 * Which cfzt: documents hold edits that are not applied to Cloudflare: a live document whose stored text differs
 * from its server copy, or a draft (not created yet). Shown as a badge on the editor tab and on the tree row (a
 * FileDecorationProvider decorates both), and read by the CodeLens and the tree's row description.
 */
export class PendingEdits implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChangeFileDecorations = this.changed.event;
  private readonly changedResource = new vscode.EventEmitter<PendingResource>();
  /** A live resource gained or lost its edits not applied (the tree repaints its row). */
  readonly onDidChangeResource = this.changedResource.event;
  /** Pending document keys, and the URI each was last seen under (a rename on the server changes the file name). */
  private readonly pending = new Map<string, vscode.Uri>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly fs: ResourceFileSystem, private readonly familyOf: (id: string) => FamilyDescriptor) {
    this.subscription = fs.onDidChangeEntry((uri) => this.update(uri));
  }

  isPending(uri: vscode.Uri): boolean {
    const ref = parseDocumentUri(uri);
    return ref !== undefined && this.pending.has(documentKey(ref));
  }

  /** A live resource (account, family, id) with edits not applied, whatever its document is named. */
  isResourcePending(accountId: string, familyId: string, resourceId: string): boolean {
    return this.pending.has(documentKey({ kind: 'live', accountId, familyId, resourceId }));
  }

  /** Every document with edits not applied (the window's "unapplied edits" list, and tests cleaning up). */
  all(): vscode.Uri[] {
    return [...this.pending.values()];
  }

  /** The document holding a live resource's edits not applied, when there is one. */
  pendingUri(accountId: string, familyId: string, resourceId: string): vscode.Uri | undefined {
    // Asked for every row on every paint: free while nothing is pending (the usual case).
    if (this.pending.size === 0) return undefined;
    return this.pending.get(documentKey({ kind: 'live', accountId, familyId, resourceId }));
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (!this.isPending(uri)) return undefined;
    const decoration = new vscode.FileDecoration('●', 'Edits not applied to Cloudflare yet', new vscode.ThemeColor('gitDecoration.modifiedResourceForeground'));
    decoration.propagate = false;
    return decoration;
  }

  private update(uri: vscode.Uri): void {
    const ref = parseDocumentUri(uri);
    if (!ref) return;
    const key = documentKey(ref);
    const now = this.compute(uri);
    const before = this.pending.get(key);
    if (now) this.pending.set(key, uri);
    else this.pending.delete(key);
    if ((before !== undefined) !== now || (before && before.toString() !== uri.toString())) {
      this.changed.fire(before && before.toString() !== uri.toString() ? [before, uri] : [uri]);
      if (ref.kind === 'live') this.changedResource.fire(ref);
    }
  }

  private compute(uri: vscode.Uri): boolean {
    const ref = parseDocumentUri(uri);
    const entry = this.fs.entry(uri);
    if (!ref || !entry) return false;
    if (ref.kind === 'draft') return true;
    if (!entry.base) return false;
    const text = this.fs.text(uri) ?? '';
    let edited: unknown;
    try {
      edited = JSON.parse(text);
    } catch {
      return true; // text that is not JSON is certainly not what the server holds
    }
    // Compared as JSON, not as text: a formatter that re-indents the document has not changed anything.
    return !jsonEqual(edited, toEditView(this.familyOf(ref.familyId), entry.base));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
    this.changedResource.dispose();
  }
}
