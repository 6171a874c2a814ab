import type * as vscode from 'vscode';

/** Composition root. The UI lands with the extension issue; for now activation only proves the bundle loads. */
export function activate(_context: vscode.ExtensionContext): void {
  // Intentionally empty: activate() only registers, and there is nothing to register yet.
}

export function deactivate(): void {
  // Nothing to release yet.
}
