import * as vscode from 'vscode';
import type { ResourceBase } from '../families/family';
import { familyOf, type Services } from '../services/services';
import { reportError, UserCancelled } from '../ui/errors';
import { closeDocumentTabs, openLiveDocument } from './openDocument';
import { renderResource } from './render';
import type { DocumentEntry, DocumentHandler } from './resourceFileSystem';
import { saveDraftDocument } from './saveDraft';
import { SaveBlocked, saveFailure } from './saveErrors';
import { saveLiveDocument } from './saveLive';
import type { DocumentRef } from './uris';

/** Loads and saves cfzt: documents for the file system provider; every failure throws so the buffer stays dirty. */
export class SavePipeline implements DocumentHandler {
  constructor(private readonly services: Services) {}

  async load(ref: DocumentRef): Promise<{ text: string; base?: ResourceBase }> {
    if (ref.kind !== 'live') throw vscode.FileSystemError.FileNotFound('Drafts are not kept after a reload.');
    const family = familyOf(this.services, ref.familyId);
    const account = this.services.session.accounts().find((a) => a.id === ref.accountId);
    const resource = await family.operations.get(await this.services.session.context(account), ref.resourceId);
    return { text: renderResource(family, resource), base: resource };
  }

  async save(uri: vscode.Uri, ref: DocumentRef, text: string, entry: DocumentEntry | undefined): Promise<{ text: string; base?: ResourceBase }> {
    const family = familyOf(this.services, ref.familyId);
    try {
      if (ref.kind === 'live') return await saveLiveDocument(this.services, family, uri, ref, text, entry);
      return await saveDraftDocument(this.services, family, uri, ref, text, (created) => {
        // After VS Code has marked the draft saved: swap it for the live document and show it in the tree.
        void afterSaved(uri).then(() => this.showCreated(uri, ref.accountId, ref.familyId, created));
      });
    } catch (error) {
      if (!(error instanceof SaveBlocked) && !(error instanceof UserCancelled)) {
        void reportError(this.services.prompts, this.services.log, `Saving ${family.singular}`, error);
      } else {
        this.services.log.info(error.message);
      }
      throw saveFailure(error);
    }
  }

  private async showCreated(draft: vscode.Uri, accountId: string, familyId: DocumentRef['familyId'], created: ResourceBase): Promise<void> {
    const family = familyOf(this.services, familyId);
    await this.scrubDraft(draft, renderResource(family, created));
    await closeDocumentTabs(draft);
    this.services.fs.forget(draft);
    await openLiveDocument(this.services, family, accountId, created);
    void this.services.prompts.info(`Created ${family.singular} ${family.displayName(created)}.`);
    const provider = this.services.providers.get(familyId);
    const view = this.services.views.get(familyId);
    const node = provider?.nodeFor(created.id);
    if (view && node) await view.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
  }

  /**
   * A saved draft holds the secrets the user typed. Closing its tab does not drop the text: VS Code keeps the
   * document (readable by every extension through workspace.textDocuments) for as long as it likes. So the draft
   * is first switched to the created resource, secrets as placeholders, once VS Code has finished saving it.
   */
  private async scrubDraft(uri: vscode.Uri, text: string): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document) return;
    await settled(() => document.isClosed || !document.isDirty);
    if (document.isClosed || document.isDirty) return;
    this.services.fs.put(uri, text);
    await settled(() => document.isClosed || document.getText() === text);
  }
}

/** Resolves once `done()` holds after a document event, or after `ms` at the latest. */
function settled(done: () => boolean, ms = 3000): Promise<void> {
  if (done()) return Promise.resolve();
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      resolve();
    };
    const timer = setTimeout(finish, ms);
    const check = (): void => {
      if (done()) finish();
    };
    const subscriptions = [
      vscode.workspace.onDidSaveTextDocument(check),
      vscode.workspace.onDidChangeTextDocument(check),
      vscode.workspace.onDidCloseTextDocument(check),
    ];
  });
}

/**
 * Resolves once VS Code has marked `uri` saved (or after 5 s). Closing the draft's tab earlier would ask
 * "save changes?", and saving again there would create a second integration.
 */
function afterSaved(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      subscription.dispose();
      clearTimeout(timer);
      resolve();
    };
    const subscription = vscode.workspace.onDidSaveTextDocument((d) => {
      if (d.uri.toString() === uri.toString()) done();
    });
    const timer = setTimeout(done, 5000);
  });
}
