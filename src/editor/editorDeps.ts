import type * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { Prompts } from '../ui/prompts';
import type { ApplyDiagnostics } from './diagnostics';
import type { PendingEdits } from './pendingEdits';
import type { ResourceFileSystem } from './resourceFileSystem';
import type { ServerCopyProvider } from './serverDiff';

/** The views' copies of the resources, as the editor updates them: the server's answer replaces the listed copy. */
export interface ResourceLists {
  /** Puts a resource Cloudflare answered with in its family's list of the account (a list not loaded yet is listed again). */
  put(accountId: string, familyId: string, resource: ResourceBase): void;
  /** Lists a family of an account again (after a create whose outcome is unknown). */
  relist(accountId: string, familyId: string): void;
}

/** The tree rows, as the editor touches them. */
export interface ResourceRows {
  /** A spinner on a row while a request for it runs. */
  setBusy(accountId: string, familyId: string, resourceId: string, busy: boolean): void;
  /** Selects a resource's row (a created resource), without taking focus. */
  reveal(accountId: string, familyId: string, resourceId: string): Promise<void>;
}

/**
 * What the editor needs from the rest of the extension, and nothing more. The editor sits beside the tree, not above
 * it: it reaches the views only through ResourceLists and ResourceRows, which extension.ts wires to them.
 */
export interface EditorDeps {
  readonly session: Session;
  readonly fs: ResourceFileSystem;
  readonly pending: PendingEdits;
  readonly diagnostics: ApplyDiagnostics;
  readonly serverCopies: ServerCopyProvider;
  readonly prompts: Prompts;
  readonly log: vscode.LogOutputChannel;
  readonly lists: ResourceLists;
  readonly rows: ResourceRows;
  familyOf(id: string): FamilyDescriptor;
}
