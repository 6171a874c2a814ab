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
        setTimeout(() => void this.showCreated(uri, ref.accountId, ref.familyId, created), 0);
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
    await closeDocumentTabs(draft);
    this.services.fs.forget(draft);
    await openLiveDocument(this.services, family, accountId, created);
    void this.services.prompts.info(`Created ${family.singular} ${family.displayName(created)}.`);
    const provider = this.services.providers.get(familyId);
    const view = this.services.views.get(familyId);
    const node = provider?.nodeFor(created.id);
    if (view && node) await view.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
  }
}
