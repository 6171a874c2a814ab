import * as vscode from 'vscode';
import type { PendingEdits } from './pendingEdits';
import { parseDocumentUri, SCHEME } from './uris';

/**
 * The line above every cfzt: document that holds edits not applied: says so, and offers Apply, Preview and Discard.
 * VS Code asks again after every edit; the pending markers (saved but not applied) ask through the event.
 */
export class ApplyLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly pending: PendingEdits, private readonly isReadonly: (uri: vscode.Uri) => boolean) {
    this.subscription = pending.onDidChangeFileDecorations(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const ref = parseDocumentUri(document.uri);
    if (document.uri.scheme !== SCHEME || !ref) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lens = (title: string, command: string, tooltip?: string): vscode.CodeLens =>
      new vscode.CodeLens(top, { title, command, arguments: [document.uri], ...(tooltip ? { tooltip } : {}) });
    if (this.isReadonly(document.uri)) {
      return [lens('$(lock) Read-only here: the extension does not know this type', 'cloudflareZt.showLog')];
    }
    if (ref.kind === 'draft') {
      return [
        lens('$(cloud-upload) Create in Cloudflare', 'cloudflareZt.apply', 'Sends this draft (Ctrl+S / Cmd+S does the same)'),
        lens('$(discard) Discard draft', 'cloudflareZt.discardEdits'),
      ];
    }
    if (!document.isDirty && !this.pending.isPending(document.uri)) return [];
    return [
      lens('● Edits not applied to Cloudflare', 'cloudflareZt.previewChanges', 'Saving only keeps them; Apply sends them'),
      lens('$(cloud-upload) Apply', 'cloudflareZt.apply', 'Sends these edits to Cloudflare (Ctrl+S / Cmd+S does the same)'),
      lens('$(diff) Preview', 'cloudflareZt.previewChanges'),
      lens('$(discard) Discard', 'cloudflareZt.discardEdits'),
    ];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
