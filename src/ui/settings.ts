import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../api/baseUrl';

export interface ClientSettings {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly proxyUrl?: string;
}

/**
 * Reads what decides where the token goes from the user's own settings only. `apiBaseUrl` is machine-scoped
 * (VS Code ignores it in workspace settings) and restricted in untrusted workspaces; reading only the user
 * and default values here keeps that promise even if the manifest were changed.
 */
export function readClientSettings(developmentBaseUrl?: string): ClientSettings {
  const config = vscode.workspace.getConfiguration('cloudflareZt');
  const base = config.inspect<string>('apiBaseUrl');
  const baseUrl = (developmentBaseUrl ?? base?.globalValue ?? base?.defaultValue ?? DEFAULT_BASE_URL).trim() || DEFAULT_BASE_URL;
  const timeout = config.inspect<number>('requestTimeoutSeconds');
  const seconds = timeout?.globalValue ?? timeout?.defaultValue ?? 30;
  const proxy = vscode.workspace.getConfiguration('http').inspect<string>('proxy');
  const proxyUrl = (proxy?.globalValue ?? '').trim();
  return { baseUrl, timeoutMs: Math.max(1, seconds) * 1000, ...(proxyUrl ? { proxyUrl } : {}) };
}

/**
 * F5 (an Extension Development Host) may point the extension at the sandbox through the environment the
 * launch configuration sets, since a launch configuration cannot give that window user settings. Only in
 * development or test mode: an installed extension reads the user setting alone.
 */
export function developmentBaseUrl(mode: vscode.ExtensionMode, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (mode === vscode.ExtensionMode.Production) return undefined;
  const value = env.CLOUDFLARE_ZT_DEV_API_BASE_URL?.trim();
  return value ? value : undefined;
}

/** How many requests may be in flight at once, across every account (Cloudflare's rate limit is per user). */
export function maxConcurrentRequests(): number {
  return vscode.workspace.getConfiguration('cloudflareZt').get<number>('maxConcurrentRequests', 6);
}

/** Ask before an apply is sent (a user setting; an apply only ever starts from a deliberate act). */
export function confirmBeforeApply(): boolean {
  return vscode.workspace.getConfiguration('cloudflareZt').get<boolean>('confirmBeforeApply', false);
}

export function affectsClientSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return ['cloudflareZt.apiBaseUrl', 'cloudflareZt.requestTimeoutSeconds', 'http.proxy'].some((key) => event.affectsConfiguration(key));
}
