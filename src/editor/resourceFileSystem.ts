import * as vscode from 'vscode';
import type { ResourceBase } from '../families/family';
import { documentKey, parseDocumentUri, SCHEME, type DocumentRef } from './uris';

/** One document: the text last written (by a save of any kind) and, for live documents, the server copy it is based on. */
export interface DocumentEntry {
  readonly content: Uint8Array;
  /** The server copy the edits are based on (live documents); a conflict is a server copy that differs from it. */
  readonly base?: ResourceBase;
  /** A resource the extension cannot edit safely (a type it does not know): the editor opens it read-only. */
  readonly readonly?: boolean;
  readonly mtime: number;
  readonly ctime: number;
}

/** Loads a live document the file system does not hold yet (VS Code restoring a tab after a reload). */
export type DocumentLoader = (ref: DocumentRef) => Promise<{ text: string; base: ResourceBase; readonly?: boolean }>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `cfzt:` documents, in memory only: nothing is written to disk and the URI holds ids, never content.
 *
 * Writing a file never talks to Cloudflare. Every save VS Code makes (Ctrl+S is taken by the Apply command in these
 * editors, so what reaches writeFile is auto save, "Save" from a menu, or a save on close) only stores the text here,
 * where it stays as edits not yet applied. So a save can never fail, never open a dialog and never send a request;
 * applying is the separate, deliberate act of the Apply command (see applyCommand.ts).
 */
export class ResourceFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, DocumentEntry>();
  private readonly changedFiles = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changedFiles.event;
  private readonly changedEntries = new vscode.EventEmitter<vscode.Uri>();
  /** Any change of an entry's text or base (a save, an apply, a reload): pending-edit markers follow it. */
  readonly onDidChangeEntry = this.changedEntries.event;
  /** Strictly increasing, so VS Code always sees a newer version after put(), even within one millisecond. */
  private clock = 0;

  constructor(private readonly loader: DocumentLoader) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const ref = parseDocumentUri(uri);
    if (!ref) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const entry = await this.entryOrLoad(uri, ref);
    return {
      type: vscode.FileType.File, ctime: entry.ctime, mtime: entry.mtime, size: entry.content.byteLength,
      ...(entry.readonly ? { permissions: vscode.FilePermission.Readonly } : {}),
    };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Cloudflare resources have no folders.');
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = parseDocumentUri(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    return (await this.entryOrLoad(uri, ref)).content;
  }

  /** Stores what VS Code saved; nothing else happens here (see the class comment). */
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const ref = parseDocumentUri(uri);
    if (!ref) throw vscode.FileSystemError.FileNotFound(uri);
    const key = documentKey(ref);
    const previous = this.entries.get(key);
    const now = this.tick();
    this.entries.set(key, { ...previous, content, mtime: now, ctime: previous?.ctime ?? now });
    this.changedEntries.fire(uri);
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete a resource from the Cloudflare Zero Trust view.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Cloudflare resources cannot be renamed as files; edit their name field.');
  }

  /**
   * Puts a document's text (and base) in memory: open, new draft, the server's answer after an apply, a reload.
   * VS Code reloads an open document that has no unsaved changes; one with unsaved changes keeps them.
   */
  put(uri: vscode.Uri, text: string, base?: ResourceBase, readonly?: boolean): void {
    const ref = parseDocumentUri(uri);
    if (!ref) return;
    const key = documentKey(ref);
    const existing = this.entries.get(key);
    const now = this.tick();
    const nextBase = base ?? existing?.base;
    this.entries.set(key, {
      content: encoder.encode(text), mtime: now, ctime: existing?.ctime ?? now,
      ...(nextBase ? { base: nextBase } : {}), ...((readonly ?? existing?.readonly) ? { readonly: true } : {}),
    });
    if (existing) this.changedFiles.fire(this.urisOf(key, uri).map((changed) => ({ type: vscode.FileChangeType.Changed, uri: changed })));
    this.changedEntries.fire(uri);
  }

  /** A new base under the same text: an apply whose answer arrived while the user went on typing. */
  rebase(uri: vscode.Uri, base: ResourceBase): void {
    const ref = parseDocumentUri(uri);
    const existing = ref ? this.entries.get(documentKey(ref)) : undefined;
    if (!ref || !existing) return;
    this.entries.set(documentKey(ref), { ...existing, base });
    this.changedEntries.fire(uri);
  }

  entry(uri: vscode.Uri): DocumentEntry | undefined {
    const ref = parseDocumentUri(uri);
    return ref ? this.entries.get(documentKey(ref)) : undefined;
  }

  text(uri: vscode.Uri): string | undefined {
    const entry = this.entry(uri);
    return entry ? decoder.decode(entry.content) : undefined;
  }

  forget(uri: vscode.Uri): void {
    const ref = parseDocumentUri(uri);
    if (!ref) return;
    this.entries.delete(documentKey(ref));
    this.changedEntries.fire(uri);
  }

  /** The URI written to, and any other an open tab shows the same document under (one opened before a rename). */
  private urisOf(key: string, uri: vscode.Uri): vscode.Uri[] {
    const others = vscode.workspace.textDocuments.filter((d) => {
      if (d.isClosed || d.uri.scheme !== SCHEME || d.uri.toString() === uri.toString()) return false;
      const ref = parseDocumentUri(d.uri);
      return ref !== undefined && documentKey(ref) === key;
    });
    return [uri, ...others.map((d) => d.uri)];
  }

  private tick(): number {
    this.clock = Math.max(this.clock + 1, Date.now());
    return this.clock;
  }

  private async entryOrLoad(uri: vscode.Uri, ref: DocumentRef): Promise<DocumentEntry> {
    const existing = this.entries.get(documentKey(ref));
    if (existing) return existing;
    if (ref.kind === 'draft') throw vscode.FileSystemError.FileNotFound(uri);
    // After a window reload VS Code asks for documents no longer held: fetch the live copy again.
    const loaded = await this.loader(ref);
    this.put(uri, loaded.text, loaded.base, loaded.readonly);
    const entry = this.entries.get(documentKey(ref));
    if (!entry) throw vscode.FileSystemError.FileNotFound(uri);
    return entry;
  }
}
