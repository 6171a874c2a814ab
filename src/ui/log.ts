import * as vscode from 'vscode';
import type { RequestLogEntry } from '../api/types';

/** One LogOutputChannel for the extension; request lines carry no credential, no body, no query string. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Cloudflare Zero Trust', { log: true });
}

export function formatRequestLine(entry: RequestLogEntry): string {
  const outcome = entry.status !== undefined ? String(entry.status) : `failed (${entry.failure ?? 'no response'})`;
  const ray = entry.cfRay ? ` cf-ray=${entry.cfRay}` : '';
  const retry = entry.attempt > 1 ? ` attempt=${entry.attempt}` : '';
  return `${entry.method} ${entry.path} → ${outcome}${ray} ${entry.durationMs} ms${retry}`;
}

export function logRequest(log: vscode.LogOutputChannel, entry: RequestLogEntry): void {
  const line = formatRequestLine(entry);
  // A request without an answer or with a server error is worth a warning; a refusal (4xx) is an answer like any other.
  if (entry.status === undefined || entry.status >= 500) log.warn(line);
  else log.info(line);
}
