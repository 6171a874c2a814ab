import * as vscode from 'vscode';

/**
 * Every question the extension asks the user goes through here. The real implementation is VS Code's
 * window API; integration tests swap single methods (through the test API returned by activate()) to answer
 * prompts the way a user would, while everything else stays real.
 */
export interface Prompts {
  inputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<readonly T[] | undefined>;
  /** A modal question; resolves to the chosen action or undefined when dismissed. */
  modal(message: string, detail: string, ...actions: string[]): Thenable<string | undefined>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warning(message: string, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowPrompts: Prompts = {
  inputBox: (options) => vscode.window.showInputBox({ ignoreFocusOut: true, ...options }),
  pickOne: (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: false }),
  pickMany: (items, options) => vscode.window.showQuickPick(items, { ignoreFocusOut: true, ...options, canPickMany: true }),
  modal: (message, detail, ...actions) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions),
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warning: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
};

/**
 * Notifications turn `[label](command:…)` in a message into a link that runs the command when clicked. Messages
 * quote names and error texts that come from the API (anyone with write access to the account sets a name), so
 * a zero-width space goes between `]` and `(`: the text reads the same and never becomes a link.
 */
export function withoutLinks(message: string): string {
  return message.replace(/\]\(/g, ']\u200b(');
}

/** A Prompts whose methods can be replaced one at a time (tests), falling back to the real window API. */
export function overridablePrompts(): Prompts & { override(partial: Partial<Prompts>): void; restore(): void } {
  const current: Prompts = { ...windowPrompts };
  return {
    inputBox: (o) => current.inputBox(o),
    pickOne: (i, o) => current.pickOne(i, o),
    pickMany: (i, o) => current.pickMany(i, o),
    modal: (m, d, ...a) => current.modal(m, d, ...a),
    info: (m, ...a) => current.info(withoutLinks(m), ...a),
    warning: (m, ...a) => current.warning(withoutLinks(m), ...a),
    error: (m, ...a) => current.error(withoutLinks(m), ...a),
    override: (partial) => Object.assign(current, partial),
    restore: () => Object.assign(current, windowPrompts),
  };
}
