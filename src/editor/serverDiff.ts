import * as vscode from 'vscode';

export const SERVER_SCHEME = 'cfzt-server';

/**
 * Read-only documents holding a server copy, for the diff shown by "Preview changes" and by a conflict's
 * "Compare". Held in memory only; the URI carries a key, never the content.
 */
export class ServerCopyProvider implements vscode.TextDocumentContentProvider {
  private readonly copies = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private counter = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.copies.get(uri.path) ?? '';
  }

  /** Opens a diff of two read-only texts (Terraform's values on the left, Cloudflare's on the right). */
  async showTextDiff(left: { text: string; name: string }, right: { text: string; name: string }, title: string): Promise<void> {
    const uris = [left, right].map((side) => {
      const uri = vscode.Uri.from({ scheme: SERVER_SCHEME, path: `/${++this.counter}/${side.name}` });
      this.copies.set(uri.path, side.text);
      this.changed.fire(uri);
      return uri;
    });
    await vscode.commands.executeCommand('vscode.diff', uris[0], uris[1], title, { preview: true });
  }

  /** Opens a diff: the server copy on the left, the user's document on the right. */
  async showDiff(serverText: string, document: vscode.Uri, title: string): Promise<void> {
    const name = document.path.split('/').pop() ?? 'resource.json';
    const uri = vscode.Uri.from({ scheme: SERVER_SCHEME, path: `/${++this.counter}/${name}` });
    this.copies.set(uri.path, serverText);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('vscode.diff', uri, document, title, { preview: true });
  }
}
