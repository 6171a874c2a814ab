import * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { shortName } from '../ui/text';
import { applyDraft } from './applyDraft';
import { applyLive } from './applyLive';
import type { ApplyOutcome } from './applyOutcome';
import { reportApplyOutcome } from './applyReport';
import { closeDocumentTabs, openDocumentOf, replaceDocumentText } from './documents';
import type { EditorDeps } from './editorDeps';
import { liveDocumentUri, openLiveDocument } from './openDocument';
import { renderResource } from './render';
import { documentKey, parseDocumentUri, type DocumentRef } from './uris';

/**
 * The one way edits reach Cloudflare. Nothing else sends them: saving a cfzt: document (auto save, Save on close, a
 * menu's Save) only stores the text in memory (ResourceFileSystem), where it waits, marked as not applied. The user
 * applies with Ctrl+S / Cmd+S in the editor (a keybinding that takes Ctrl+S in cfzt: editors only), the editor's
 * Apply button, its CodeLens or the tree row's menu. Because an apply never runs inside a save, its refusals,
 * conflicts and failures are reported in the extension's own words, never as "Failed to save".
 */
export class Applier {
  /** At most one apply per document at a time: a second Ctrl+S while a create runs must not create twice. */
  private readonly running = new Set<string>();
  /** Drafts already created (draft key → the created resource's name): applying one again sends nothing. */
  private readonly created = new Map<string, string>();

  constructor(private readonly services: EditorDeps) {}

  async apply(uri: vscode.Uri | undefined): Promise<ApplyOutcome> {
    const ref = uri ? parseDocumentUri(uri) : undefined;
    if (!uri || !ref) return this.finish(undefined, undefined, { kind: 'refused', reason: 'Open a Cloudflare resource or draft first: Apply sends the active cfzt document.' });
    const key = documentKey(ref);
    const family = this.services.familyOf(ref.familyId);
    const createdAs = this.created.get(key);
    if (createdAs) return this.finish(uri, family, { kind: 'refused', reason: `This draft was already created as "${shortName(createdAs)}"; nothing was sent again.` });
    if (this.running.has(key)) return this.finish(uri, family, { kind: 'refused', reason: 'This document is being applied already; nothing more was sent.' });
    this.running.add(key);
    let outcome: ApplyOutcome;
    try {
      outcome = await this.run(uri, ref, family);
    } catch (error) {
      outcome = { kind: 'failed', error };
    } finally {
      this.running.delete(key);
    }
    return this.finish(uri, family, outcome);
  }

  /** Drops edits not applied: the document shows the server copy it was based on (a draft is closed). */
  async discard(uri: vscode.Uri | undefined): Promise<boolean> {
    const ref = uri ? parseDocumentUri(uri) : undefined;
    if (!uri || !ref) return false;
    const document = openDocumentOf(uri);
    this.services.diagnostics.delete(uri);
    if (ref.kind === 'draft') {
      if (document?.isDirty) await document.save();
      await closeDocumentTabs(uri);
      this.services.fs.forget(uri);
      return true;
    }
    const base = this.services.fs.entry(uri)?.base;
    if (!base) return false;
    const text = renderResource(this.services.familyOf(ref.familyId), base);
    if (document) await replaceDocumentText(document, text);
    else this.services.fs.put(uri, text, base);
    await closeDocumentTabs(uri, 'diffs');
    return true;
  }

  private async run(uri: vscode.Uri, ref: DocumentRef, family: FamilyDescriptor): Promise<ApplyOutcome> {
    if (!this.services.session.accounts().some((a) => a.id === ref.accountId)) {
      return { kind: 'refused', reason: 'The account this document belongs to is no longer signed in; nothing was sent.' };
    }
    const document = openDocumentOf(uri);
    // Store what the editor shows first (a save here only stores it), so the edits are kept whatever happens next.
    if (document?.isDirty) await document.save();
    const text = this.services.fs.text(uri);
    if (text === undefined) return { kind: 'refused', reason: 'This document is no longer held; open it again from the tree.' };
    if (ref.kind === 'live') return applyLive(this.services, family, uri, ref, text);
    const outcome = await applyDraft(this.services, family, uri, ref, text);
    if (outcome.kind !== 'created') return outcome;
    this.created.set(documentKey(ref), family.displayName(outcome.resource));
    try {
      await this.replaceDraft(uri, ref.accountId, family, outcome.resource);
    } catch (error) {
      // The resource exists: whatever went wrong while showing it must not read as a failed create (the user
      // would apply the draft again and create a duplicate).
      this.services.log.warn(`Created ${family.singular} ${outcome.resource.id}, but its editor could not be opened: ${error instanceof Error ? error.message : String(error)}`);
    }
    return outcome;
  }

  /**
   * A created draft gives way to the live resource. The draft first shows the created resource (secrets as
   * placeholders): VS Code may keep a closed document's text for a while, and it must not hold typed secrets.
   */
  private async replaceDraft(draft: vscode.Uri, accountId: string, family: FamilyDescriptor, created: ResourceBase): Promise<void> {
    const text = renderResource(family, created);
    const document = openDocumentOf(draft);
    if (document) await replaceDocumentText(document, text);
    await closeDocumentTabs(draft);
    this.services.fs.forget(draft);
    this.services.fs.put(liveDocumentUri(family, accountId, created), text, created);
    await openLiveDocument(this.services, family, accountId, created);
    await this.services.rows.reveal(accountId, family.id, created.id);
  }

  private finish(uri: vscode.Uri | undefined, family: FamilyDescriptor | undefined, outcome: ApplyOutcome): ApplyOutcome {
    const base = uri ? this.services.fs.entry(uri)?.base : undefined;
    const name = family && base ? family.displayName(base) : family ? `this ${family.singular} draft` : 'the document';
    const ref = uri ? parseDocumentUri(uri) : undefined;
    const accountName = (ref ? this.services.session.accountById(ref.accountId)?.name : undefined);
    void reportApplyOutcome(this.services, outcome, { name, family, accountName, document: parsedOrUndefined(uri ? this.services.fs.text(uri) : undefined), retry: uri ? () => this.apply(uri) : undefined });
    return outcome;
  }
}

function parsedOrUndefined(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}
