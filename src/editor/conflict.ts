import type * as vscode from 'vscode';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { shortName } from '../ui/text';
import type { EditorDeps } from './editorDeps';
import { lastChangeOf } from './lastChange';
import { renderResource } from './render';
import { parseDocumentUri } from './uris';

export type ConflictChoice = 'compare' | 'overwrite' | 'discard' | 'cancel';

/**
 * The server copy changed since the document was opened. The tree shows the newer copy at once (before the user
 * chooses); the dialog offers Compare first, the choice that changes nothing, so Enter cannot overwrite.
 */
export async function askAboutConflict(services: EditorDeps, family: FamilyDescriptor, uri: vscode.Uri, server: ResourceBase): Promise<ConflictChoice> {
  const accountId = parseDocumentUri(uri)?.accountId;
  if (accountId) services.lists.put(accountId, family.id, server);
  const name = shortName(family.displayName(server));
  // Who changed it, when the audit log says so in time (a short lookup; without it the dialog is as before).
  const who = accountId ? await lastChangeOf(services, accountId, server.id) : undefined;
  const choice = await services.prompts.modal(
    `"${name}" changed on Cloudflare since you opened it.`,
    (who ? `${who}\n\n` : '') + 'Compare shows the server copy beside your edits and changes nothing. Overwrite makes Cloudflare equal to your document, '
      + 'including fields the other change touched. Discard and reload drops your edits.',
    'Compare', 'Overwrite', 'Discard and reload',
  );
  if (choice === 'Compare') {
    await services.serverCopies.showDiff(renderResource(family, server), uri, `${name}: Cloudflare ↔ your edits`);
    return 'compare';
  }
  if (choice === 'Overwrite') return 'overwrite';
  if (choice === 'Discard and reload') return 'discard';
  return 'cancel';
}
