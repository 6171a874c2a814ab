import * as vscode from 'vscode';
import type { ResourceBase } from '../families/family';
import { documentKey, parseDocumentUri, type DocumentRef } from './uris';

/** One open document: its bytes, and for live documents the server copy it was opened from (the base). */
export interface DocumentEntry {
  content: Uint8Array;
  base?: ResourceBase;
  mtime: number;
  readonly ctime: number;
}

/** Loads documents that are not in memory yet and applies saves; the FileSystemProvider only stores bytes. */
export interface DocumentHandler {
  load(ref: DocumentRef): Promise<{ text: string; base?: ResourceBase }>;
  /**
   * Applies a save. Resolves with what the document should now hold (the server's answer); throws to refuse
   * the save, which keeps the editor dirty with the user's text.
   */
  save(uri: vscode.Uri, ref: DocumentRef, text: string, entry: DocumentEntry | undefined): Promise<{ text: string; base?: ResourceBase }>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `cfzt:` documents, kept in memory only: nothing is ever written to disk and the URI holds ids, never content.
 */
export class ResourceFileSystem implements vscode.FileSystemProvider {
  private readonly entries = new Map<string, DocumentEntry>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private handler: DocumentHandler | undefined;

  setHandler(handler: DocumentHandler): void {
    this.handler = handler;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const ref = parseDocumentUri(uri);
    if (!ref) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const entry = await this.entryOrLoad(uri, ref);
    return { type: vscode.FileType.File, ctime: entry.ctime, mtime: entry.mtime, size: entry.content.byteLength };
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

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const ref = parseDocumentUri(uri);
    if (!ref || !this.handler) throw vscode.FileSystemError.NoPermissions(uri);
    const key = documentKey(ref);
    const typed = decoder.decode(content);
    const saved = await this.handler.save(uri, ref, typed, this.entries.get(key));
    const previous = this.entries.get(key);
    const now = Date.now();
    // First record exactly what VS Code saved, so the stat it takes after the save matches its buffer ...
    const entry: DocumentEntry = { content, base: saved.base ?? previous?.base, mtime: now, ctime: previous?.ctime ?? now };
    this.entries.set(key, entry);
    if (saved.text === typed) return;
    // ... then, once VS Code has marked the buffer saved (a reload of a still-dirty buffer is skipped), switch to
    // the server's answer (normalised, secrets as placeholders) as a newer version of the file.
    this.pendingAnswers.set(key, { uri, text: saved.text, entry });
    setTimeout(() => this.publishAnswer(key), 2000); // in case no save event arrives (e.g. the editor was closed)
  }

  /** Called for every saved document; publishes the server's answer for cfzt: documents waiting for it. */
  documentSaved(uri: vscode.Uri): void {
    const ref = parseDocumentUri(uri);
    if (ref) this.publishAnswer(documentKey(ref));
  }

  private readonly pendingAnswers = new Map<string, { uri: vscode.Uri; text: string; entry: DocumentEntry }>();

  private publishAnswer(key: string): void {
    const pending = this.pendingAnswers.get(key);
    if (!pending) return;
    this.pendingAnswers.delete(key);
    if (this.entries.get(key) !== pending.entry) return;
    this.entries.set(key, { ...pending.entry, content: encoder.encode(pending.text), mtime: Math.max(Date.now(), pending.entry.mtime + 1) });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: pending.uri }]);
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete a resource from the Cloudflare Zero Trust view.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Cloudflare resources cannot be renamed as files; edit their name field.');
  }

  /** Puts a document in memory (open, create draft, reload after a conflict) and tells VS Code it changed. */
  put(uri: vscode.Uri, text: string, base?: ResourceBase): void {
    const ref = parseDocumentUri(uri);
    if (!ref) return;
    const key = documentKey(ref);
    const existing = this.entries.get(key);
    const now = Date.now();
    this.entries.set(key, { content: encoder.encode(text), base: base ?? existing?.base, mtime: now, ctime: existing?.ctime ?? now });
    if (existing) this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  entry(uri: vscode.Uri): DocumentEntry | undefined {
    const ref = parseDocumentUri(uri);
    return ref ? this.entries.get(documentKey(ref)) : undefined;
  }

  forget(uri: vscode.Uri): void {
    const ref = parseDocumentUri(uri);
    if (ref) this.entries.delete(documentKey(ref));
  }

  private async entryOrLoad(uri: vscode.Uri, ref: DocumentRef): Promise<DocumentEntry> {
    const key = documentKey(ref);
    const existing = this.entries.get(key);
    if (existing) return existing;
    if (!this.handler || ref.kind === 'draft') throw vscode.FileSystemError.FileNotFound(uri);
    // After a window reload VS Code asks for documents we no longer hold: fetch the live copy again.
    const loaded = await this.handler.load(ref);
    const now = Date.now();
    const entry: DocumentEntry = { content: encoder.encode(loaded.text), base: loaded.base, mtime: now, ctime: now };
    this.entries.set(key, entry);
    return entry;
  }
}
