import * as vscode from 'vscode';

/**
 * A save that was refused before anything was sent (invalid JSON, a read-only field changed, wrong account).
 * The reason is already visible (diagnostics or a message), so it is not reported again as a failure.
 */
export class SaveBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SaveBlocked';
  }
}

/**
 * What writeFile throws: VS Code then keeps the buffer dirty and shows the message on its own save-failure
 * notification. NoPermissions keeps VS Code from offering to overwrite a file on disk.
 */
export function saveFailure(error: unknown): vscode.FileSystemError {
  const message = error instanceof Error ? error.message : String(error);
  return vscode.FileSystemError.NoPermissions(message);
}
