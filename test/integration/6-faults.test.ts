// Issue 6, faults: every fault the sandbox can inject, on every operation of every family, in the real extension
// host. For each cell: a clear message naming what failed (the prompts' error, or the view's error row), no crash
// (the same operation works once the fault is cleared), the other families keep listing, a failed save or create
// keeps the document dirty with the user's text, a create is sent once and the view is listed again when its
// outcome is unknown. Then the account-wide rate-limit state: one 429 and a refresh of every view make no retry
// storm, and a Retry-After beyond the client's bound is reported, not waited out.
// Prints a matrix fault × operation × family → outcome with the counts, and writes test-results/fault-matrix.json.
//
// Run time: faults are kept until cleared, so retried requests (GET, PUT, PATCH) use all their attempts (the
// client's default policy: 4 attempts, about 3 s of backoff). To stay within a few minutes each fault runs in two
// rounds in which every cell runs at once, each on its own path (its own resource);
// `cloudflareZt.requestTimeoutSeconds` is 1 for the timeout fault only.
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { planUpdate, toEditView } from '../../src/editor/editModel';
import type { FamilyDescriptor, ResourceBase } from '../../src/families/family';
import { allFamilies, type FamilyId } from '../../src/families/registry';
import type { TreeNode } from '../../src/tree/nodes';
import { FAMILY_DEFINITIONS, isFamilyName, type FamilyName } from '../sandbox/families';
import type { Fault, RequestLogEntry } from '../sandbox/index';
import { allCaches, cacheOf, applyDocument, closeAllEditors, eventually, getWorld, replaceText, resourceNode, signInAs, signOutAll, type World } from './harness';
import { report, writeResult } from './report';

// The families come from the registry: a new family gets its cells here without an edit. What differs per family is
// read from its descriptor (list route, update method, toggle field, create command, templates) and from the
// sandbox's own definition of it (the path writes go to).
/** A registered family the sandbox serves. */
type FaultFamily = FamilyName & FamilyId;
const FAMILIES: readonly FaultFamily[] = allFamilies.map((f) => f.id).filter((id): id is FaultFamily => isFamilyName(id));
const descriptor = (id: FaultFamily): FamilyDescriptor => {
  const family = allFamilies.find((f) => f.id === id);
  assert.ok(family, `${id} is not registered`);
  return family;
};
/** Column labels of the matrix: the family's document suffix (dlp-entry, risk-scoring, …). */
const SHORT = (id: FaultFamily): string => descriptor(id).documentSuffix;
type Op = 'list' | 'get' | 'save' | 'toggle' | 'create';
const OPS: readonly Op[] = ['list', 'get', 'save', 'toggle', 'create'];

interface FaultCase {
  readonly id: string;
  readonly fault: Omit<Fault, 'path' | 'method' | 'times'>;
  /** What the message must say; every one must also name the method and path that failed. */
  readonly says: readonly RegExp[];
  /** Replacing kinds on writes: the server applies the change, then the answer is lost (the worst case). */
  readonly appliedFirst?: boolean;
  /** The client cannot know whether a create happened: the draft save lists the view again. */
  readonly uncertain: boolean;
}

const FAULTS: readonly FaultCase[] = [
  { id: '429 Retry-After 1', fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }, says: [/Rate limited by Cloudflare/, /retry after 1s/], uncertain: false },
  { id: '500', fault: { kind: 'status', status: 500 }, says: [/Cloudflare server error/, /HTTP 500/], appliedFirst: true, uncertain: true },
  { id: '502 HTML', fault: { kind: 'html', status: 502 }, says: [/HTTP 502/, /not Cloudflare JSON/], appliedFirst: true, uncertain: true },
  { id: '503', fault: { kind: 'status', status: 503 }, says: [/Cloudflare server error/, /HTTP 503/], appliedFirst: true, uncertain: true },
  { id: 'timeout', fault: { kind: 'hang' }, says: [/did not answer in time/, /no answer within 1 s/], appliedFirst: true, uncertain: true },
  { id: 'reset mid-body', fault: { kind: 'resetMidBody' }, says: [/Could not reach Cloudflare/], uncertain: true },
  { id: 'malformed JSON', fault: { kind: 'malformedJson' }, says: [/not valid Cloudflare JSON/], uncertain: true },
  { id: '200 success:false', fault: { kind: 'successFalse' }, says: [/Unexpected answer from Cloudflare/, /\d{4,}: /], appliedFirst: true, uncertain: true },
  { id: 'result null', fault: { kind: 'resultNull' }, says: [/result: null|does not match the contract/], uncertain: true },
  { id: 'extra fields', fault: { kind: 'extraFields' }, says: [], uncertain: false },
  { id: 'missing field', fault: { kind: 'dropField', field: 'id' }, says: [/does not match the contract/, /\bid\b/], uncertain: true },
  { id: '50 MB body', fault: { kind: 'hugeBody', sizeMb: 50 }, says: [/larger than 32 MB/], uncertain: true },
];

interface Cell {
  readonly fault: string;
  readonly op: Op;
  readonly family: FaultFamily;
  outcome: string;
  message?: string;
  /** Requests the sandbox saw for the faulted path while the fault was in force. */
  attempts?: number;
  survived: boolean;
  lostEdit: boolean;
  duplicateCreates: number;
  readonly problems: string[];
}

const cells: Cell[] = [];
/** The account-wide rate-limit checks, for the JSON next to the matrix. */
const rateLimit: Record<string, unknown> = {};

suite('Faults: fault × operation × family in the extension host (issue 6)', function () {
  this.timeout(90_000);
  let w: World;
  let accountId: string;
  const errors: { text: string; at: number }[] = [];
  const warnings: string[] = [];
  let counter = 0;
  const started = Date.now();

  async function setTimeoutSeconds(seconds: number): Promise<void> {
    const config = vscode.workspace.getConfiguration('cloudflareZt');
    if (config.inspect<number>('requestTimeoutSeconds')?.globalValue === seconds) return;
    await config.update('requestTimeoutSeconds', seconds, vscode.ConfigurationTarget.Global);
    await new Promise((r) => setTimeout(r, 100)); // the client is rebuilt on the configuration event
  }

  suiteSetup(async () => {
    w = await getWorld();
    await signOutAll(w);
    await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
    accountId = w.api.services.session.soleAccount()?.id ?? '';
  });
  /** Every message the extension shows goes to these lists instead of the window (signInAs restores the window's). */
  function captureMessages(): void {
    w.api.prompts.override({
      error: async (text) => { errors.push({ text, at: Date.now() }); return undefined; },
      warning: async (text) => { warnings.push(text); return undefined; },
      info: async () => undefined,
      // A write whose answer was lost did reach the server: the next save sees it as a change made elsewhere.
      // A toggle-off of something others depend on is confirmed first (used by).
      modal: async (_m, _d, ...actions) => (actions.includes('Overwrite') ? 'Overwrite' : actions.includes('Disable') ? 'Disable' : undefined),
    });
  }
  setup(() => {
    errors.length = 0;
    warnings.length = 0;
    w.sandbox.clearFaults();
    w.sandbox.clearRequests();
    captureMessages();
  });
  teardown(async () => {
    w.sandbox.clearFaults();
    w.api.prompts.restore();
    await closeAllEditors();
    await setTimeoutSeconds(5);
  });
  suiteTeardown(async () => {
    await setTimeoutSeconds(5);
    printMatrix((Date.now() - started) / 1000);
  });

  // ---------------------------------------------------------------------------------------------------------
  // Paths and fixtures

  /** Where the family lists: its first route. */
  const base = (familyId: FaultFamily): string => `/accounts/${accountId}/${descriptor(familyId).routes[0] ?? ''}`;
  /** Where writes go, as the sandbox defines the family (DLP entries list at dlp/entries, write at dlp/entries/integration). */
  const resourcePath = (familyId: FaultFamily): string => {
    const definition: { resource?: { path: string } } = FAMILY_DEFINITIONS[familyId];
    assert.ok(definition.resource, `the sandbox defines no resource path for ${familyId}`);
    return `/accounts/${accountId}/${definition.resource.path}`;
  };
  const writePath = (familyId: FaultFamily, id: string): string => `${resourcePath(familyId)}/${id}`;
  const createPath = (familyId: FaultFamily): string => resourcePath(familyId);
  const writeMethod = (familyId: FaultFamily): 'PUT' | 'PATCH' => descriptor(familyId).updateMethod;

  function records(familyId: FaultFamily): Record<string, unknown>[] {
    return w.sandbox.list(familyId, accountId) as Record<string, unknown>[];
  }
  function serverCopy(familyId: FaultFamily, id: string): Record<string, unknown> {
    const found = w.sandbox.getResource(familyId, accountId, id) as Record<string, unknown> | undefined;
    assert.ok(found, `${familyId}/${id} is gone from the sandbox`);
    return found;
  }
  const sorted = (familyId: FaultFamily): Record<string, unknown>[] => [...records(familyId)].sort((a, b) => String(a.id).localeCompare(String(b.id)));

  /** Messages (prompts.error) about one request: Cloudflare errors always name `METHOD /path`. */
  function messagesAbout(method: string, path: string, since: number): string[] {
    return errors.filter((e) => e.at >= since && (e.text.includes(`${method} ${path},`) || e.text.includes(`${method} ${path})`))).map((e) => e.text);
  }
  function hits(method: string, path: string, since = 0): RequestLogEntry[] {
    return w.sandbox.requests().filter((r) => r.method === method && r.path === path && r.seq > since);
  }
  const lastSeq = (): number => w.sandbox.requests().at(-1)?.seq ?? 0;

  function newCell(fault: FaultCase, op: Op, family: FaultFamily): Cell {
    const cell: Cell = { fault: fault.id, op, family, outcome: 'not run', survived: false, lostEdit: false, duplicateCreates: 0, problems: [] };
    cells.push(cell);
    return cell;
  }
  function expectMessage(cell: Cell, fault: FaultCase, text: string | undefined, what: RegExp): void {
    if (!text) {
      cell.problems.push('no message was shown');
      return;
    }
    cell.message = text.length > 300 ? `${text.slice(0, 300)}…` : text;
    if (!what.test(text)) cell.problems.push(`the message does not name the operation (${what}): ${text}`);
    for (const re of fault.says) if (!re.test(text)) cell.problems.push(`the message lacks ${re}: ${text}`);
  }
  /** Runs a cell, turning any throw into a problem: one broken cell must not hide the others. */
  async function guarded(cell: Cell, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      cell.problems.push(`threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function reloadAll(): Promise<void> {
    await Promise.all(allCaches(w).map((c) => c.reload()));
    for (const familyId of FAMILIES) assert.strictEqual(cacheOf(w, familyId).state.status, 'loaded', `${familyId} did not load`);
  }

  async function openLive(familyId: FaultFamily, id: string): Promise<vscode.TextEditor> {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('cloudflareZt.openResource', resourceNode(w, familyId, id));
    assert.ok(editor, `could not open ${familyId}/${id}`);
    return editor;
  }

  function rowsOf(familyId: FaultFamily): { node: TreeNode; item: vscode.TreeItem }[] {
    const provider = w.api.services.providers.get(familyId);
    assert.ok(provider);
    const roots = provider.getChildren();
    return roots.flatMap((n) => (n.kind === 'group' ? provider.getChildren(n) : [n])).map((node) => ({ node, item: provider.getTreeItem(node) }));
  }

  // ---------------------------------------------------------------------------------------------------------
  // The five operations, each as: prepare (no fault) → run under the fault → checks → recover (fault cleared)

  interface Running {
    readonly cell: Cell;
    /** Method and path the fault is put on. */
    readonly method: string;
    readonly path: string;
    readonly run: () => Promise<void>;
    readonly recover: () => Promise<void>;
  }

  function listCell(fault: FaultCase, familyId: FaultFamily): Running {
    const cell = newCell(fault, 'list', familyId);
    const method = 'GET';
    const path = base(familyId);
    return {
      cell, method, path,
      run: () => guarded(cell, async () => {
        const cache = cacheOf(w, familyId);
        assert.ok(cache);
        await cache.reload();
        const rows = rowsOf(familyId);
        const first = rows[0];
        if (fault.fault.kind === 'extraFields') {
          if (cache.state.status !== 'loaded' || rows.length !== records(familyId).length) cell.problems.push(`unknown fields broke the list (${cache.state.status}, ${rows.length} rows)`);
          cell.outcome = 'ok: listed (unknown fields tolerated)';
          return;
        }
        if (fault.fault.kind === 'resultNull') {
          // The contract allows `result: null` for these lists (no integrations): it reads as an empty list.
          const label = String(first?.item.label ?? '');
          if (!(rows.length === 1 && first?.node.kind === 'message' && /^No /.test(label))) cell.problems.push(`result null gave ${rows.length} rows: ${label}`);
          cell.outcome = `empty list: "${label}" (result null read as no integrations)`;
          cell.message = label;
          return;
        }
        if (rows.length !== 1 || first?.node.kind !== 'message') {
          cell.problems.push(`expected one error row, got ${rows.map((r) => r.item.label).join(', ')}`);
          return;
        }
        const label = String(first.item.label);
        const tooltip = typeof first.item.tooltip === 'string' ? first.item.tooltip : (first.item.tooltip?.value ?? '');
        expectMessage(cell, fault, `${label} — ${tooltip}`, /^Could not load: /);
        if (!tooltip.includes(`GET ${path}`)) cell.problems.push(`the error row does not name the request: ${tooltip}`);
        if (first.item.command?.command !== 'cloudflareZt.showLog') cell.problems.push('the error row does not lead to the log');
        cell.outcome = `error row: ${label}`;
      }),
      recover: () => guarded(cell, async () => {
        await cacheOf(w, familyId).reload();
        const rows = rowsOf(familyId);
        if (rows.length !== records(familyId).length || rows.some((r) => r.node.kind !== 'resource')) cell.problems.push('the view did not list again after the fault was cleared');
      }),
    };
  }

  function getCell(fault: FaultCase, familyId: FaultFamily, resource: Record<string, unknown>, editor: vscode.TextEditor): Running {
    const cell = newCell(fault, 'get', familyId);
    const path = `${base(familyId)}/${String(resource.id)}`;
    const since = Date.now();
    return {
      cell, method: 'GET', path,
      run: () => guarded(cell, async () => {
        await vscode.commands.executeCommand('cloudflareZt.previewChanges', editor.document.uri);
        if (fault.fault.kind === 'extraFields') {
          const shown = messagesAbout('GET', path, since);
          if (shown.length > 0) cell.problems.push(`unknown fields broke the preview: ${shown[0]}`);
          cell.outcome = 'ok: preview shown (unknown fields tolerated)';
          return;
        }
        const text = await eventually('the preview error', () => messagesAbout('GET', path, since)[0], 3000).catch(() => undefined);
        expectMessage(cell, fault, text, /^Preview changes failed\./);
        cell.outcome = `error: ${text?.slice(0, 120) ?? 'none'}`;
      }),
      recover: () => guarded(cell, async () => {
        const before = lastSeq();
        const at = Date.now();
        await vscode.commands.executeCommand('cloudflareZt.previewChanges', editor.document.uri);
        if (messagesAbout('GET', path, at).length > 0 || !hits('GET', path, before).some((r) => r.status === 200)) cell.problems.push('preview did not work after the fault was cleared');
      }),
    };
  }

  /**
   * A live document edited the way a user would: the first editable text field gets a new value (a URL stays a URL),
   * or, where a family has none, its first editable switch flips. The editor's own check picks a change it accepts.
   */
  function editFor(familyId: FaultFamily, resource: ResourceBase, n: number): { text: string; applied: (server: Record<string, unknown>) => boolean } {
    const family = descriptor(familyId);
    const view = toEditView(family, resource);
    const candidates: [string, unknown][] = [];
    for (const field of family.editableFields) {
      const value = view[field];
      if (typeof value === 'string') candidates.push([field, /^https?:\/\//.test(value) ? `https://fault-${n}.example.com` : `${value.slice(0, 40)} (fault ${n})`]);
    }
    for (const field of family.editableFields) if (typeof view[field] === 'boolean') candidates.push([field, !view[field]]);
    for (const [field, value] of candidates) {
      const edited = { ...view, [field]: value };
      if (planUpdate(family, resource, edited).kind !== 'update') continue;
      return { text: `${JSON.stringify(edited, null, 2)}\n`, applied: (s) => s[field] === value };
    }
    throw new Error(`no editable field of ${familyId} takes a plain edit`);
  }

  async function saveCell(fault: FaultCase, familyId: FaultFamily, resource: Record<string, unknown>): Promise<Running> {
    const cell = newCell(fault, 'save', familyId);
    const id = String(resource.id);
    const editor = await openLive(familyId, id);
    const listed = cacheOf(w, familyId).get(id);
    assert.ok(listed, `${familyId}/${id} is not listed`);
    const edit = editFor(familyId, listed, ++counter);
    await replaceText(editor, edit.text);
    const method = writeMethod(familyId);
    const path = writePath(familyId, id);
    const since = Date.now();
    return {
      cell, method, path,
      run: () => guarded(cell, async () => {
        const saved = (await applyDocument(editor.document)).kind === 'applied';
        if (fault.fault.kind === 'extraFields') {
          if (!saved || !edit.applied(serverCopy(familyId, id))) cell.problems.push('unknown fields in the answer broke the save');
          cell.outcome = 'ok: saved (unknown fields tolerated)';
          return;
        }
        if (saved) cell.problems.push('the save reported success under the fault');
        if (editor.document.getText() !== edit.text || !w.api.services.pending.isPending(editor.document.uri)) {
          cell.lostEdit = true;
          cell.problems.push('the failed apply lost the user\'s edit (document not holding their text as not applied)');
        }
        const text = await eventually('the save error', () => messagesAbout(method, path, since)[0], 3000).catch(() => undefined);
        expectMessage(cell, fault, text, /^Applying ".*" failed[.:]/);
        cell.outcome = `error, edits kept: ${text?.slice(0, 110) ?? 'none'}`;
      }),
      recover: () => guarded(cell, async () => {
        if (fault.fault.kind === 'extraFields') return;
        const again = await applyDocument(editor.document);
        // A fault that struck after Cloudflare applied the change (its answer was lost or broken): the next Apply
        // finds the edit there, asks nothing and sends nothing.
        const alreadyThere = again.kind === 'unchanged' && edit.applied(serverCopy(familyId, id));
        if (again.kind !== 'applied' && !alreadyThere) cell.problems.push(`applying again after the fault was cleared failed (${again.kind}${again.kind === 'failed' ? `: ${String(again.error)}` : ''}${again.kind === 'refused' ? `: ${again.reason}` : ''})`);
        if (!edit.applied(serverCopy(familyId, id))) {
          cell.lostEdit = true;
          cell.problems.push('the edit never reached the server');
        }
      }),
    };
  }

  function toggleCell(fault: FaultCase, familyId: FaultFamily, resource: Record<string, unknown>): Running {
    const cell = newCell(fault, 'toggle', familyId);
    const id = String(resource.id);
    const field = descriptor(familyId).toggleField ?? 'enabled';
    const path = writePath(familyId, id);
    const since = Date.now();
    const cached = () => (cacheOf(w, familyId).get(id) as Record<string, unknown> | undefined)?.[field];
    const notBusy = () => !String(w.api.services.providers.get(familyId)?.getTreeItem(resourceNode(w, familyId, id)).description ?? '').includes('updating');
    return {
      cell, method: 'PUT', path,
      run: () => guarded(cell, async () => {
        const before = cached();
        await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, familyId, id));
        if (!notBusy()) cell.problems.push('the row is left spinning');
        if (fault.fault.kind === 'extraFields') {
          if (cached() !== !before || serverCopy(familyId, id)[field] !== !before) cell.problems.push('unknown fields in the answer broke the toggle');
          cell.outcome = 'ok: toggled (unknown fields tolerated)';
          return;
        }
        const text = await eventually('the toggle error', () => messagesAbout('PUT', path, since)[0], 3000).catch(() => undefined);
        expectMessage(cell, fault, text, /^Toggle failed\./);
        // The row keeps the last state it knows; a re-list (a create's, in this round) may show what the server applied.
        if (cached() !== before && cached() !== serverCopy(familyId, id)[field]) cell.problems.push('the row shows a state the server does not have');
        cell.outcome = `error: ${text?.slice(0, 120) ?? 'none'}`;
      }),
      recover: () => guarded(cell, async () => {
        const at = Date.now();
        await vscode.commands.executeCommand('cloudflareZt.toggle', resourceNode(w, familyId, id));
        if (messagesAbout('PUT', path, at).length > 0) cell.problems.push('toggle failed after the fault was cleared');
        if (cached() !== serverCopy(familyId, id)[field]) cell.problems.push('the row and the server disagree after the toggle');
      }),
    };
  }

  /** The top-level text fields of a create body that tell its resource apart (secrets and objects aside). */
  function identity(body: Record<string, unknown>): [string, string][] {
    return Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string' && !e[1].includes('secret'));
  }

  /**
   * A draft filled in the way a user would: the family's create command (its first variant), every template
   * placeholder replaced, a name of its own. `spare`: for a family whose "create" switches an existing resource
   * (family.templateFor), the resource no other cell uses.
   */
  async function createCell(fault: FaultCase, familyId: FaultFamily, spare: Record<string, unknown> | undefined): Promise<Running> {
    const cell = newCell(fault, 'create', familyId);
    const n = ++counter;
    const family = descriptor(familyId);
    assert.ok(family.create, `${familyId} has no create command`);
    const switches = family.templateFor !== undefined;
    if (switches) {
      assert.ok(spare, `a spare ${familyId} for the create`);
      w.api.prompts.override({ pickOne: async (items) => items.find((i) => (i as unknown as { resource?: ResourceBase }).resource?.id === spare.id) });
    }
    const draft = await vscode.commands.executeCommand<vscode.TextEditor>(`cloudflareZt.${family.create.command}`, family.templateVariants[0]);
    captureMessages();
    assert.ok(draft, `no draft for ${familyId}`);
    const filled = draft.document.getText()
      .replace(/:\/\/REPLACE_WITH_[A-Z_]+/g, `://fault-${n}`)
      .replace(/REPLACE_WITH_([A-Z_]+)/g, (_m, what: string) => `fault-${n}-${what.toLowerCase()}`);
    const body = JSON.parse(filled) as Record<string, unknown>;
    if (typeof body.name === 'string') body.name = `Created under fault ${n}`;
    const matches = (r: Record<string, unknown>): boolean => identity(body).every(([k, v]) => r[k] === v);
    const exists = switches
      ? () => (serverCopy(familyId, String(spare?.id)).enabled === body.enabled ? 1 : 0)
      : () => records(familyId).filter(matches).length;
    const editor = draft;
    // Four spaces: the DLP draft's template is this very body, and an unchanged (clean) document would not be saved.
    const text = `${JSON.stringify(body, null, 4)}\n`;
    await replaceText(editor, text);
    const path = createPath(familyId);
    const since = Date.now();
    let sinceSeq = 0;
    return {
      cell, method: 'POST', path,
      run: () => guarded(cell, async () => {
        sinceSeq = lastSeq();
        const saved = (await applyDocument(editor.document)).kind === 'created';
        const posts = hits('POST', path, sinceSeq).length;
        if (posts !== 1) cell.problems.push(`${posts} POSTs for one save (a create is never retried)`);
        if (fault.fault.kind === 'extraFields') {
          if (!saved || exists() !== 1) cell.problems.push('unknown fields in the answer broke the create');
          cell.outcome = 'ok: created once (unknown fields tolerated)';
          return;
        }
        if (saved) cell.problems.push('the create reported success under the fault');
        if (editor.document.getText() !== text || !w.api.services.pending.isPending(editor.document.uri)) {
          cell.lostEdit = true;
          cell.problems.push('the failed create lost the draft');
        }
        const message = await eventually('the create error', () => messagesAbout('POST', path, since)[0], 3000).catch(() => undefined);
        expectMessage(cell, fault, message, /^Applying ".*" failed[.:]/);
        const listedAgain = await eventually('the view listed again', () => hits('GET', base(familyId), sinceSeq).some((r) => r.status === 200), 4000).then(() => true, () => false);
        if (fault.uncertain) {
          if (!/may still have reached Cloudflare/.test(message ?? '')) cell.problems.push('the message does not say the create may have happened');
          if (!listedAgain) cell.problems.push('the view was not listed again after a create with an unknown outcome');
          // The user sees in the view whether it exists: wait for the list that followed the failed create to arrive
          // (a refresh keeps the old rows until then, so "loaded" alone does not mean the new list is there).
          if (!switches) {
            const inView = (): number => (cacheOf(w, familyId).items() ?? []).filter((r) => matches(r as unknown as Record<string, unknown>)).length;
            const settled = await eventually('the view to show what exists', () => inView() === exists(), 8000).then(() => true, () => false);
            if (!settled) cell.problems.push(`the view shows ${inView()} of the ${exists()} created`);
          }
        }
        cell.outcome = `error, draft kept${fault.uncertain ? ', view re-listed' : ''}, ${exists() ? 'created (answer lost)' : 'not created'}: ${message?.slice(0, 90) ?? 'none'}`;
      }),
      recover: () => guarded(cell, async () => {
        // What a user does next: the view shows whether it exists; save the draft again only when it does not.
        if (fault.fault.kind !== 'extraFields' && exists() === 0) {
          const again = await applyDocument(editor.document);
          if (again.kind !== 'created') cell.problems.push(`creating again after the fault was cleared failed (${again.kind}${again.kind === 'failed' ? `: ${String(again.error)}` : ''}${again.kind === 'refused' ? `: ${again.reason}` : ''})`);
        }
        const count = exists();
        if (count !== 1) cell.problems.push(`${count} resources after the create`);
        cell.duplicateCreates = switches ? 0 : Math.max(0, count - 1);
      }),
    };
  }

  // ---------------------------------------------------------------------------------------------------------

  for (const fault of FAULTS) {
    test(`${fault.id}: on list, get, save, toggle and create of every family`, async function () {
      this.timeout(fault.fault.kind === 'hang' ? 90_000 : 60_000);
      const t0 = Date.now();
      await setTimeoutSeconds(fault.fault.kind === 'hang' ? 1 : 10);
      // Two rounds: the lists of two families fail while the third family lists and has its get, save and create
      // faulted; then the third family's list fails while the other two have theirs (and their toggles).
      const half = Math.ceil(FAMILIES.length / 2);
      const rounds: readonly (readonly FaultFamily[])[] = [FAMILIES.slice(0, half), FAMILIES.slice(half)];
      for (const [r, listed] of rounds.entries()) {
        const tr = Date.now();
        const phase: string[] = [];
        const mark = (name: string) => phase.push(`${name} ${Date.now() - tr}`);
        w.sandbox.clearFaults();
        await reloadAll();
        mark('reload');
        // Prepare everything without a fault: documents open, edits typed, drafts filled. Each cell has its own
        // resource, so its fault (on that resource's path) touches no other cell.
        const running: Running[] = listed.map((f) => listCell(fault, f));
        for (const f of FAMILIES.filter((x) => !listed.includes(x))) {
          const [forGet, forSave, forToggle, forCreate] = sorted(f);
          assert.ok(forGet && forSave && forToggle, `${f}: three seeded resources`);
          running.push(getCell(fault, f, forGet, await openLive(f, String(forGet.id))));
          running.push(await saveCell(fault, f, forSave));
          if (descriptor(f).toggleField) running.push(toggleCell(fault, f, forToggle));
          running.push(await createCell(fault, f, forCreate));
        }

        for (const c of running) {
          w.sandbox.addFault({ ...fault.fault, method: c.method, path: c.path, times: 0, ...(fault.appliedFirst && c.method !== 'GET' ? { afterHandler: true } : {}) });
        }
        const seq = lastSeq();
        mark('prepared');
        await Promise.all(running.map(async (c) => { await c.run(); mark(`${c.cell.op}/${SHORT(c.cell.family)}`); }));
        for (const c of running) c.cell.attempts = hits(c.method, c.path, seq).filter((h) => h.fault).length;
        // While the fault is still in force, the other families' views list.
        const others = FAMILIES.filter((f) => !listed.includes(f));
        await Promise.all(others.map((f) => cacheOf(w, f).reload()));
        for (const f of others) {
          if (cacheOf(w, f).state.status === 'loaded' && rowsOf(f).every((row) => row.node.kind === 'resource')) continue;
          for (const c of running.filter((x) => x.cell.op === 'list')) c.cell.problems.push(`${f} stopped listing while ${c.cell.family}'s list was failing`);
        }

        mark('others');
        w.sandbox.clearFaults();
        await Promise.all(running.map(async (c) => { await c.recover(); mark(`rec-${c.cell.op}/${SHORT(c.cell.family)}`); }));
        for (const c of running) c.cell.survived = c.cell.problems.length === 0;
        await closeAllEditors();
        mark('closed');
        if (process.env.FAULT_TIMING) report(`    round ${r}: ${phase.join(', ')}`);
      }
      report(`  ${fault.id}: ${cells.filter((c) => c.fault === fault.id).length} cells in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      const failed = cells.filter((c) => c.fault === fault.id && c.problems.length > 0);
      assert.deepStrictEqual(failed.map((c) => `${c.op} ${SHORT(c.family)}: ${c.problems.join(' | ')}`), []);
      assert.deepStrictEqual(warnings, [], 'no fault here is a rejected credential');
    });
  }

  test('a 429 blocks the account only as long as Retry-After says, and refreshing every view meanwhile makes no retry storm', async function () {
    this.timeout(30_000);
    await reloadAll();
    const risk = cacheOf(w, 'riskScoringIntegrations');
    assert.ok(risk);
    w.sandbox.clearRequests();
    w.sandbox.addFault({ method: 'GET', path: base('riskScoringIntegrations'), kind: 'status', status: 429, retryAfterSeconds: 2, times: 1 });
    const first = risk.reload();
    const limited = await eventually('the 429', () => w.sandbox.requests().find((r) => r.status === 429));
    const blockedAt = Date.parse(limited.time);
    await vscode.commands.executeCommand('cloudflareZt.refreshAll'); // every view, while the account is blocked
    await first;
    const after = w.sandbox.requests().filter((r) => r.seq > limited.seq);
    const times = after.map((r) => Date.parse(r.time) - blockedAt);
    report(`  rate limit: 1 × 429 (Retry-After 2) then Refresh all: ${after.length} requests after it, at +${times.join(', +')} ms`);
    rateLimit.sharedBlock = { retryAfterSeconds: 2, requestsAfterThe429: after.length, msAfterThe429: times, sentDuringTheBlock: after.filter((r) => Date.parse(r.time) < blockedAt + 1950).length };
    assert.deepStrictEqual(after.filter((r) => Date.parse(r.time) < blockedAt + 1950).map((r) => r.path), [], 'nothing is sent while the account is blocked');
    assert.ok(Math.min(...times) < 3000, `the block lasted longer than asked (${Math.min(...times)} ms)`);
    // The blocked retry, and Refresh all: the accounts page, DLP entries and profiles, risk scoring, posture integrations
    // and rules. Nothing more.
    assert.ok(after.length <= 7, `a retry storm: ${after.map((r) => `${r.method} ${r.path}`).join('\n')}`);
    for (const familyId of FAMILIES) assert.strictEqual(cacheOf(w, familyId).state.status, 'loaded');
  });

  test('a Retry-After beyond the client\'s bound is not waited out: the user is told how long, and other requests of that credential are held back', async function () {
    this.timeout(30_000);
    // Its own credential (the account-owned token), so the long block cannot slow the rest of the suite.
    await signInAs(w, w.sandbox.credentials.accountToken);
    captureMessages();
    try {
      await reloadAll();
      w.sandbox.clearRequests();
      w.sandbox.addFault({ method: 'GET', path: base('riskScoringIntegrations'), kind: 'status', status: 429, retryAfterSeconds: 90, times: 1 });
      const t0 = Date.now();
      await cacheOf(w, 'riskScoringIntegrations').reload();
      const waited = Date.now() - t0;
      assert.ok(waited < 3000, 'a 90 s Retry-After was waited out');
      const [row] = rowsOf('riskScoringIntegrations');
      const rowText = `${String(row?.item.label)} ${typeof row?.item.tooltip === 'string' ? row.item.tooltip : ''}`;
      assert.match(rowText, /retry after 90s/, 'the view says how long');
      const at = Date.now();
      await vscode.commands.executeCommand('cloudflareZt.previewChanges', (await openLive('devicePostureIntegrations', String(sorted('devicePostureIntegrations')[0]?.id))).document.uri);
      const held = await eventually('the held-back request\'s message', () => errors.find((e) => e.at >= at)?.text);
      assert.match(held, /not sent/);
      assert.match(held, /retry after (89|90)s/);
      assert.strictEqual(w.sandbox.requests().length, 1, 'only the 429 itself reached the server');
      rateLimit.beyondTheBound = { retryAfterSeconds: 90, waitedMs: waited, row: rowText.slice(0, 300), heldBack: held.slice(0, 300) };
    } finally {
      w.sandbox.clearFaults();
      await signInAs(w, w.sandbox.credentials.userToken, w.sandbox.accounts[0]?.name);
    }
    await reloadAll(); // the user token is not held back by the account token's block
  });

  function printMatrix(seconds: number): void {
    const counts = {
      injected: cells.length,
      survived: cells.filter((c) => c.survived).length,
      lostEdits: cells.filter((c) => c.lostEdit).length,
      duplicateCreates: cells.reduce((n, c) => n + c.duplicateCreates, 0),
    };
    const lines = ['', `  Fault matrix (fault × operation × family → outcome), ${seconds.toFixed(0)} s`];
    const width = Math.max(...FAULTS.map((f) => f.id.length));
    const column = Math.max(...OPS.flatMap((op) => FAMILIES.map((f) => `${op}/${SHORT(f)}`.length))) + 2;
    lines.push(`  ${'fault'.padEnd(width)}  ${OPS.map((op) => FAMILIES.map((f) => `${op}/${SHORT(f)}`.padEnd(column)).join('')).join('')}`.trimEnd());
    for (const fault of FAULTS) {
      const marks = OPS.map((op) => FAMILIES.map((f) => {
        const cell = cells.find((c) => c.fault === fault.id && c.op === op && c.family === f);
        const mark = !cell ? 'n/a' : !cell.survived ? 'FAILED' : /^ok/.test(cell.outcome) ? 'ok' : /^empty/.test(cell.outcome) ? 'empty' : 'error+ok';
        return mark.padEnd(column);
      }).join('')).join('');
      lines.push(`  ${fault.id.padEnd(width)}  ${marks}`.trimEnd());
    }
    lines.push('  (error+ok: a clear message, nothing lost, the operation works once the fault is cleared; ok: the fault is harmless; empty: result null on a list reads as no integrations; n/a: the family has no on/off switch)');
    for (const c of cells.filter((x) => !x.survived)) lines.push(`  FAILED ${c.fault} ${c.op} ${SHORT(c.family)}: ${c.problems.join(' | ')}`);
    lines.push(`  injected ${counts.injected}, survived ${counts.survived}, lost edits ${counts.lostEdits}, duplicate creates ${counts.duplicateCreates}`);
    const file = writeResult('fault-matrix.json', { generatedAt: new Date().toISOString(), seconds: Math.round(seconds), counts, rateLimit, cells });
    lines.push(`  written to ${file}`, '');
    report(...lines);
  }
});
