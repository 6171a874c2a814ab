import * as vscode from 'vscode';

export const SCHEME = 'cfzt';

/** A live resource document: `cfzt:/<account>/<family>/<id>/<name>.<suffix>.json`. Content lives in memory only. */
export interface LiveRef {
  readonly kind: 'live';
  readonly accountId: string;
  readonly familyId: string;
  readonly resourceId: string;
}

/** A create draft: `cfzt:/<account>/<family>/drafts/<n>/<name>.<suffix>-draft.json`. */
export interface DraftRef {
  readonly kind: 'draft';
  readonly accountId: string;
  readonly familyId: string;
  readonly draftId: string;
}

export type DocumentRef = LiveRef | DraftRef;

/** A file name a tab can show: the resource's name without characters paths or globs would trip on. */
function fileLabel(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|#%\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return cleaned || 'resource';
}

export function liveUri(ref: Omit<LiveRef, 'kind'>, name: string, suffix: string): vscode.Uri {
  const segments = [ref.accountId, ref.familyId, ref.resourceId].map(encodeURIComponent);
  return vscode.Uri.from({ scheme: SCHEME, path: `/${segments.join('/')}/${fileLabel(name)}.${suffix}.json` });
}

export function draftUri(ref: Omit<DraftRef, 'kind'>, name: string, suffix: string): vscode.Uri {
  const segments = [ref.accountId, ref.familyId, 'drafts', ref.draftId].map(encodeURIComponent);
  return vscode.Uri.from({ scheme: SCHEME, path: `/${segments.join('/')}/${fileLabel(name)}.${suffix}-draft.json` });
}

export function parseDocumentUri(uri: vscode.Uri): DocumentRef | undefined {
  if (uri.scheme !== SCHEME) return undefined;
  const parts = uri.path.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  if (parts.length === 5 && parts[2] === 'drafts') {
    return { kind: 'draft', accountId: parts[0] ?? '', familyId: parts[1] as string, draftId: parts[3] ?? '' };
  }
  if (parts.length === 4) {
    return { kind: 'live', accountId: parts[0] ?? '', familyId: parts[1] as string, resourceId: parts[2] ?? '' };
  }
  return undefined;
}

/** Documents are keyed without their file name, so a rename on the server does not orphan an open editor. */
export function documentKey(ref: DocumentRef): string {
  return ref.kind === 'live'
    ? `live/${ref.accountId}/${ref.familyId}/${ref.resourceId}`
    : `draft/${ref.accountId}/${ref.familyId}/${ref.draftId}`;
}
