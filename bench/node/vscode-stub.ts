// A minimal stand-in for the `vscode` module, so the real src/tree providers run in plain Node for the
// refresh and memory benchmarks (esbuild aliases `vscode` to this file in the bench bundle only).
//
// It implements just what src/tree and src/auth/session touch: TreeItem, TreeItemCollapsibleState, ThemeIcon,
// ThemeColor, MarkdownString, EventEmitter, Disposable and a no-op `commands`. They do the minimum VS Code's own
// classes do (MarkdownString escapes text the way VS Code does), so what the benchmark times is our code:
// what VS Code does afterwards (serializing tree items to the renderer, painting) is not in these figures.

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}

export class MarkdownString {
  isTrusted = false;
  supportHtml = false;
  supportThemeIcons: boolean;
  constructor(public value = '', supportThemeIcons = false) {
    this.supportThemeIcons = supportThemeIcons;
  }

  /** As VS Code's: Markdown syntax escaped, runs of spaces kept, `>` escaped, newlines as paragraphs. */
  appendText(value: string): this {
    this.value += value
      .replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&')
      .replace(/([ \t]+)/g, (_m, spaces: string) => '&nbsp;'.repeat(spaces.length))
      .replace(/>/gm, '\\>')
      .replace(/\n/g, '\n\n');
    return this;
  }

  appendMarkdown(value: string): this {
    this.value += value;
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string; role?: string };
  constructor(public label: string, public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {}
}

export class Disposable {
  constructor(private readonly callOnDispose: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.callOnDispose();
  }
}

export type Event<T> = (listener: (e: T) => unknown) => Disposable;

export class EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    return new Disposable(() => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    });
  };
  fire(data: T): void {
    for (const listener of [...this.listeners]) listener(data);
  }
  dispose(): void {
    this.listeners = [];
  }
}

/** Session.announce() sets a context key; nothing to do outside VS Code. */
export const commands = {
  executeCommand: async (): Promise<undefined> => undefined,
};

/** FamilyCache shows a refresh as the view's progress bar; here the task simply runs. */
export const window = {
  withProgress: <T>(_options: unknown, task: (progress: { report(value: unknown): void }) => Thenable<T>): Thenable<T> => task({ report() {} }),
};
