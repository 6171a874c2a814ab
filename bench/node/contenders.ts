// The three ways of listing the three families that the refresh benchmark puts side by side:
//   extension: the real client, zod validation, FamilyCache and the real FamilyTreeProvider building every row;
//   floor:     three parallel raw undici GETs of the same lists and JSON.parse, nothing else;
//   sdk:       the official `cloudflare` npm SDK listing the same three families.
import Cloudflare from 'cloudflare';
import { Agent, request } from 'undici';
import * as vscode from 'vscode';
import { CloudflareClient } from '../../src/api/client';
import { AccountStore } from '../../src/auth/accountStore';
import { Session } from '../../src/auth/session';
import type { ResourceBase } from '../../src/families/family';
import type { FamilyId } from '../../src/families/registry';
import { allFamilies } from '../../src/families/registry';
import { AccountCaches } from '../../src/tree/accountCaches';
import { DriftMarks } from '../../src/tree/driftMarks';
import { FamilyTreeProvider } from '../../src/tree/familyTreeProvider';
import type { TreeNode } from '../../src/tree/nodes';

export interface Target {
  /** The sandbox API base, e.g. http://127.0.0.1:PORT/client/v4 */
  readonly baseUrl: string;
  readonly token: string;
  readonly accountId: string;
}

/** What one refresh produced: rows per family, so every contender can be checked to list the same data. */
/** Items listed per benched family (the three integration families). */
export type Listed = Record<'dlpIntegrationEntries' | 'riskScoringIntegrations' | 'devicePostureIntegrations', number>;

export interface Contender {
  readonly name: string;
  refresh(): Promise<Listed>;
  close(): Promise<void>;
}

const LIST_PATHS: Partial<Record<FamilyId, string>> = {
  dlpIntegrationEntries: 'dlp/entries',
  riskScoringIntegrations: 'zt_risk_scoring/integrations',
  devicePostureIntegrations: 'devices/posture/integration',
};

/** A Memento that holds nothing: the account comes from the environment, as with CLOUDFLARE_API_TOKEN. */
const emptyMemento = {
  keys: () => [],
  get: <T>(_key: string, fallback?: T) => fallback,
  update: async () => undefined,
};
const noSecrets = {
  get: async () => undefined,
  store: async () => undefined,
  delete: async () => undefined,
  keys: async () => [],
  onDidChange: () => ({ dispose() {} }),
};

/** The families the benchmark refreshes: the three the floor and the SDK list. */
const BENCHED: readonly string[] = ['dlpIntegrationEntries', 'riskScoringIntegrations', 'devicePostureIntegrations'];

/**
 * The extension's refresh: `cloudflareZt.refreshAll` reloads every cache (the three lists, in parallel; the DLP
 * profile names are kept from the first load and read again only when an entry names a profile they lack); each
 * provider fires onDidChangeTreeData when its own list is in, and VS Code asks for the root children, a TreeItem for
 * each, and the children of every expanded group (DLP profiles start expanded), each request in a turn of its own.
 * This does exactly those calls on the real providers.
 */
export function extensionContender(target: Target): Contender & { readonly caches: AccountCaches } {
  const client = new CloudflareClient({ baseUrl: target.baseUrl });
  const store = new AccountStore(emptyMemento as never, noSecrets as never, { CLOUDFLARE_API_TOKEN: target.token, CLOUDFLARE_ACCOUNT_ID: target.accountId });
  const session = new Session(store, client);
  // The three integration families: what the floor and the SDK fetch too (the rules view is not part of this race).
  const families = allFamilies.filter((family) => BENCHED.includes(family.id));
  const caches = new AccountCaches(families, session);
  const noPendingEdits = { pendingUri: () => undefined, onDidChangeResource: () => ({ dispose() {} }) };
  const names = {
    nameOf: (accountId: string, familyId: string, id: string) => {
      const family = families.find((f) => f.id === familyId);
      const resource = family ? caches.cache(accountId, familyId).get(id) : undefined;
      return resource && family ? family.displayName(resource) : undefined;
    },
    onDidChange: () => ({ dispose() {} }),
  };
  // No "Compare with Terraform" has run: no row is marked (the real, empty marks, as in a fresh window).
  const drift = new DriftMarks();
  const providers = families.map((family) => new FamilyTreeProvider<ResourceBase>(family, caches, session, noPendingEdits as never, names as never, drift));
  /**
   * What VS Code does when a view's data changes: it asks for the root's children, then for the children of each
   * expanded row, each in a message of its own from the window (so each in a turn of the event loop of its own); in
   * each, the provider's getChildren and a getTreeItem per child run in one go. It keeps every TreeItem it was given
   * until the view is painted again (its tree node holds the item, for resolveTreeItem): held here too, so the items
   * live as long as in VS Code (dropped at once, they would all die in the next GC, and V8 would throw away the code
   * optimized for their shapes: a cost VS Code's extension host does not have).
   */
  const held = new Map<FamilyTreeProvider<ResourceBase>, Map<TreeNode, vscode.TreeItem>>();
  const paint = async (provider: FamilyTreeProvider<ResourceBase>): Promise<number> => {
    let rows = 0;
    const items = new Map<TreeNode, vscode.TreeItem>();
    const asked: (TreeNode | undefined)[] = [undefined];
    while (asked.length > 0) {
      const node = asked.shift();
      await new Promise<void>((resolve) => setImmediate(resolve));
      for (const child of provider.getChildren(node)) {
        const item = provider.getTreeItem(child);
        items.set(child, item);
        if (child.kind === 'resource') rows++;
        if (item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded) asked.push(child);
      }
    }
    held.set(provider, items);
    return rows;
  };
  /** Each view repaints when its own list has changed, while the other lists may still be on their way. */
  const painted = (provider: FamilyTreeProvider<ResourceBase>): Promise<number> => new Promise<number>((resolve, reject) => {
    const subscription = provider.onDidChangeTreeData(() => {
      // A first load also announces "Loading…"; the view is painted once its list has an answer.
      const status = caches.cache(target.accountId, provider.family.id).state.status;
      if (status !== 'loaded' && status !== 'error') return;
      subscription.dispose();
      paint(provider).then(resolve, reject);
    });
  });
  return {
    name: 'extension',
    caches,
    async refresh() {
      // "Refresh all" with one account shown: every family of that account listed again (the environment's account
      // is not stored, so there is no accounts page to list again).
      const views = providers.map(painted);
      await caches.reloadOpened([target.accountId]);
      const rows = await Promise.all(views);
      const listed = {} as Listed;
      providers.forEach((provider, i) => {
        const state = caches.cache(target.accountId, provider.family.id).state;
        if (state.status === 'error') throw state.error;
        listed[provider.family.id as keyof Listed] = rows[i] ?? 0;
      });
      return listed;
    },
    async close() {
      providers.forEach((p) => p.dispose());
      drift.dispose();
      caches.dispose();
      await client.close();
    },
  };
}

/** Three raw GETs over one keep-alive undici Agent, JSON.parse, and nothing else. */
export function floorContender(target: Target): Contender {
  const agent = new Agent();
  const get = async (familyId: FamilyId): Promise<unknown> => {
    const url = `${target.baseUrl}/accounts/${target.accountId}/${LIST_PATHS[familyId]}`;
    const { statusCode, body } = await request(url, { dispatcher: agent, headers: { authorization: `Bearer ${target.token}`, accept: 'application/json' } });
    const text = await body.text();
    if (statusCode !== 200) throw new Error(`floor: HTTP ${statusCode} for ${url}`);
    return JSON.parse(text);
  };
  return {
    name: 'floor',
    async refresh() {
      const [dlp, risk, posture] = (await Promise.all([get('dlpIntegrationEntries'), get('riskScoringIntegrations'), get('devicePostureIntegrations')])) as {
        result: { type?: string }[];
      }[];
      // Counting is not part of the floor's work in any meaningful amount; it only checks the same data came back.
      let integration = 0;
      for (const e of dlp?.result ?? []) if (e.type === 'integration') integration++;
      return { dlpIntegrationEntries: integration, riskScoringIntegrations: risk?.result.length ?? 0, devicePostureIntegrations: posture?.result.length ?? 0 };
    },
    async close() {
      await agent.close();
    },
  };
}

/**
 * The official SDK, as its README shows it: one client, `…list({ account_id })` per family (single-page
 * lists), DLP entries filtered to `type: "integration"`. Retries left at the SDK's default.
 */
export function sdkContender(target: Target): Contender {
  const cf = new Cloudflare({ apiToken: target.token, baseURL: target.baseUrl });
  const account_id = target.accountId;
  return {
    name: 'sdk',
    async refresh() {
      const [dlp, risk, posture] = await Promise.all([
        cf.zeroTrust.dlp.entries.list({ account_id }),
        cf.zeroTrust.riskScoring.integrations.list({ account_id }),
        cf.zeroTrust.devices.posture.integrations.list({ account_id }),
      ]);
      const entries = dlp.getPaginatedItems().filter((e) => (e as { type?: string }).type === 'integration');
      return {
        dlpIntegrationEntries: entries.length,
        riskScoringIntegrations: risk.getPaginatedItems().length,
        devicePostureIntegrations: posture.getPaginatedItems().length,
      };
    },
    async close() {},
  };
}

/**
 * The floor plus the DLP profiles GET, which the extension's refresh made every time before the profile names were
 * kept (issue 15); still what the first load of an account costs.
 */
export function floorWithProfilesContender(target: Target): Contender {
  const floor = floorContender(target);
  const agent = new Agent();
  return {
    name: 'floor+profiles',
    async refresh() {
      const [listed] = await Promise.all([
        floor.refresh(),
        request(`${target.baseUrl}/accounts/${target.accountId}/dlp/profiles`, { dispatcher: agent, headers: { authorization: `Bearer ${target.token}` } })
          .then((r) => r.body.text())
          .then((t) => JSON.parse(t) as unknown),
      ]);
      return listed;
    },
    async close() {
      await floor.close();
      await agent.close();
    },
  };
}
