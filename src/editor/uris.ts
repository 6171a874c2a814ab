import * as vscode from 'vscode';

export const SCHEME = 'cfzt';

/** A live resource document. Content lives in memory only. */
export interface LiveRef {
  readonly kind: 'live';
  readonly accountId: string;
  readonly familyId: string;
  readonly resourceId: string;
}

/** A create draft. */
export interface DraftRef {
  readonly kind: 'draft';
  readonly accountId: string;
  readonly familyId: string;
  readonly draftId: string;
}

export type DocumentRef = LiveRef | DraftRef;

/** What a document's path shows: the account's name, the view's name, the resource's name. */
export interface DocumentLabels {
  readonly account: string;
  readonly view: string;
  readonly name: string;
}

/** A path segment a tab and the breadcrumbs can show: a name without characters paths or globs would trip on. */
function segment(name: string, fallback: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return cleaned || fallback;
}

/**
 * `cfzt://<account id>.<family id>.<resource id>/<Account name>/<View name>/<name>.<suffix>.json` (ids escaped, see
 * authorityPart). The ids sit in the
 * authority, which VS Code shows neither in the tab nor in the breadcrumbs, so those read as names ("<account name> ›
 * <view name> › <resource name>.<suffix>.json"). The path is only a label: documents are found
 * by their ids (documentKey), so a stale name never orphans one.
 */
export function liveUri(ref: Omit<LiveRef, 'kind'>, labels: DocumentLabels, suffix: string): vscode.Uri {
  return build([ref.accountId, ref.familyId, ref.resourceId], labels, `${suffix}.json`);
}

/** `cfzt://<account id>.<family id>.draft.<n>/<Account name>/<View name>/<label>.<suffix>-draft.json`. */
export function draftUri(ref: Omit<DraftRef, 'kind'>, labels: DocumentLabels, suffix: string): vscode.Uri {
  return build([ref.accountId, ref.familyId, 'draft', ref.draftId], labels, `${suffix}-draft.json`);
}

/**
 * An id as an authority part. VS Code lower-cases a URI's authority and decodes its escapes, so every character
 * other than a lower-case letter, a digit or "-" is written as "~" and four hex digits: the id survives both, and
 * the "." between parts can never occur inside one.
 */
function authorityPart(id: string): string {
  return id.replace(/[^a-z0-9-]/g, (c) => `~${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function idOf(part: string): string {
  return part.replace(/~([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function build(ids: readonly string[], labels: DocumentLabels, extension: string): vscode.Uri {
  const authority = ids.map(authorityPart).join('.');
  const path = `/${segment(labels.account, 'account')}/${segment(labels.view, 'resources')}/${segment(labels.name, 'resource')}.${extension}`;
  return vscode.Uri.from({ scheme: SCHEME, authority, path });
}

export function parseDocumentUri(uri: vscode.Uri): DocumentRef | undefined {
  if (uri.scheme !== SCHEME) return undefined;
  if (uri.authority) {
    // Only the document itself: its folders (account, view) are what VS Code stats on the way to it.
    if (uri.path.split('/').filter(Boolean).length !== 3 || !uri.path.endsWith('.json')) return undefined;
    const ids = uri.authority.split('.').map(idOf);
    const [accountId = '', familyId = '', third = '', draftId] = ids;
    if (ids.length === 4 && third === 'draft' && draftId) return { kind: 'draft', accountId, familyId, draftId };
    if (ids.length === 3 && third) return { kind: 'live', accountId, familyId, resourceId: third };
    return undefined;
  }
  // Tabs restored from before names moved into the path: `/<account>/<family>/<id>/<name>.json` and drafts.
  const parts = uri.path.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  if (parts.length === 5 && parts[2] === 'drafts') return { kind: 'draft', accountId: parts[0] ?? '', familyId: parts[1] ?? '', draftId: parts[3] ?? '' };
  if (parts.length === 4) return { kind: 'live', accountId: parts[0] ?? '', familyId: parts[1] ?? '', resourceId: parts[2] ?? '' };
  return undefined;
}

/** Documents are keyed without their labels, so a rename on the server does not orphan an open editor. */
export function documentKey(ref: DocumentRef): string {
  return ref.kind === 'live'
    ? `live/${ref.accountId}/${ref.familyId}/${ref.resourceId}`
    : `draft/${ref.accountId}/${ref.familyId}/${ref.draftId}`;
}

/** Whether two URIs are the same document, whatever names their paths show. */
export function sameDocument(a: vscode.Uri, b: vscode.Uri): boolean {
  const left = parseDocumentUri(a);
  const right = parseDocumentUri(b);
  return left !== undefined && right !== undefined && documentKey(left) === documentKey(right);
}

let accountNameOf: (accountId: string) => string | undefined = () => undefined;

/**
 * How document paths name accounts: set once by the composition root (the session knows the names). Until then, or
 * for an account no longer signed in, the path shows the account id.
 */
export function nameAccountsWith(lookup: (accountId: string) => string | undefined): void {
  accountNameOf = lookup;
}

export function accountLabel(accountId: string): string {
  return accountNameOf(accountId) ?? accountId;
}
