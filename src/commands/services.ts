import type * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { ApplyDiagnostics } from '../editor/diagnostics';
import type { PendingEdits } from '../editor/pendingEdits';
import type { ResourceFileSystem } from '../editor/resourceFileSystem';
import type { ServerCopyProvider } from '../editor/serverDiff';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { AccountCaches } from '../tree/accountCaches';
import type { DriftMarks } from '../tree/driftMarks';
import type { UsedByStore } from '../tree/usedByStore';
import type { FamilyCache } from '../tree/familyCache';
import type { FamilyTreeProvider } from '../tree/familyTreeProvider';
import type { Prompts } from '../ui/prompts';
import type { ApiClientService } from '../auth/apiClient';

/** Everything a command or the save pipeline needs, built once in extension.ts. */
export interface Services {
  readonly session: Session;
  readonly api: ApiClientService;
  readonly prompts: Prompts;
  readonly log: vscode.LogOutputChannel;
  readonly fs: ResourceFileSystem;
  readonly diagnostics: ApplyDiagnostics;
  readonly pending: PendingEdits;
  readonly serverCopies: ServerCopyProvider;
  readonly families: readonly FamilyDescriptor[];
  readonly caches: AccountCaches;
  /** The last "Compare with Terraform", as row marks. */
  readonly drift: DriftMarks;
  /** What uses a resource, loaded when first needed (used-by rows, disable and delete confirmations). */
  readonly usedBy: UsedByStore;
  readonly providers: ReadonlyMap<string, FamilyTreeProvider<ResourceBase>>;
  readonly views: ReadonlyMap<string, vscode.TreeView<import('../tree/nodes').TreeNode>>;
}

export function familyOf(services: Pick<Services, 'families'>, id: string): FamilyDescriptor {
  const family = services.families.find((f) => f.id === id);
  if (!family) throw new Error(`Unknown family ${id}`);
  return family;
}

export function cacheOf(services: Pick<Services, 'caches'>, accountId: string, familyId: string): FamilyCache<ResourceBase> {
  return services.caches.cache(accountId, familyId);
}

export function providerOf(services: Pick<Services, 'providers'>, id: string): FamilyTreeProvider<ResourceBase> {
  const provider = services.providers.get(id);
  if (!provider) throw new Error(`No provider for ${id}`);
  return provider;
}

// What the commands ask for: each function names the slice of Services it uses, not the whole bag.
/** Signing in and out: the session and the questions it asks. */
export type AccountDeps = Pick<Services, 'session' | 'prompts'>;
/** Picking a resource from a tree node or from every loaded list. */
export type PickDeps = Pick<Services, 'session' | 'families' | 'caches' | 'prompts'>;
/** Signing out: what it closes, and the lists it drops. */
export type SignOutDeps = AccountDeps & Pick<Services, 'fs' | 'pending' | 'caches'>;
/** Opening documents: the in-memory file system and what it holds not applied. */
export type DocumentDeps = Pick<Services, 'fs' | 'pending'>;
/** Flipping a resource's switch: the request, the row's spinner, the cached copy and its open document. */
export type ToggleDeps = Pick<Services, 'session' | 'caches' | 'providers' | 'fs' | 'pending'>;
/** Asking before something is disabled or deleted: what uses it. */
export type ConfirmDeps = PickDeps & Pick<Services, 'usedBy'>;
