// Typed access to scripts/vscode-host.mjs (plain JavaScript, shared with the extension-host tests and `npm start`):
// the shapes below are the part of it the e2e uses.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';

export const ROOT = resolve(__dirname, '../..');

/** An isolated VS Code state directory, as makeState() lays it out. */
export interface HostState {
  readonly state: string;
  readonly userData: string;
  readonly extDir: string;
  readonly xdg: string;
  readonly tmp: string;
  readonly config: string;
  /** code-server's log. */
  readonly log: string;
}

export interface CodeServer {
  readonly port: number;
  /** 127.0.0.1:<port> */
  readonly authority: string;
  readonly pid: number;
  readonly exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface VscodeHost {
  makeState(options?: { settings?: Record<string, unknown>; dir?: string }): HostState;
  installVsix(state: HostState, vsix: string): void;
  startCodeServer(state: HostState, options: { folder: string; port?: number; smokeDriver?: boolean; env?: Record<string, string>; timeoutMs?: number }): Promise<CodeServer>;
  /** Debian's chromium (CHROMIUM_PATH, else `chromium` on PATH), headless, loopback only. */
  launchChromium(state: HostState): Promise<Browser>;
}

/** A plain-JavaScript module of the project, with the type its caller knows it has. */
async function importModule<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(ROOT, path)).href)) as T;
}

export const loadVscodeHost = (): Promise<VscodeHost> => importModule<VscodeHost>('scripts/vscode-host.mjs');

/** Where scripts/package-vsix.mjs puts the .vsix (global-setup.ts has it packaged when missing or stale). */
export const loadVsixPath = async (): Promise<string> => (await importModule<{ VSIX: string }>('scripts/package-vsix.mjs')).VSIX;
