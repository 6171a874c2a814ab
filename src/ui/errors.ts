import * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import type { Prompts } from './prompts';

/** Thrown (and shown quietly) when the user cancels a step; never reported as a failure. */
export class UserCancelled extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'UserCancelled';
  }
}

/** The one place user-facing error text is made: "<what> failed: <Cloudflare code: message> (HTTP …, cf-ray …)". */
export function describeFailure(what: string, error: unknown): string {
  if (error instanceof CloudflareApiError) return `${what} failed. ${error.message}`;
  if (error instanceof Error) return `${what} failed: ${error.message}`;
  return `${what} failed.`;
}

export interface ReportOptions {
  /** A sentence added after the failure (what happened to the user's edits, what to check). */
  readonly note?: string;
  /** Offered as "Retry" when given. */
  readonly retry?: () => Promise<unknown>;
}

/**
 * Shows an error with "Show details" (the log, where every request is listed), "Retry" when the caller can repeat
 * the action, and a link to Cloudflare's documentation when it sent one. Detailed facts go to the log first so
 * "Show details" has something to show.
 */
export async function reportError(prompts: Prompts, log: vscode.LogOutputChannel, what: string, error: unknown, options: ReportOptions = {}): Promise<void> {
  if (error instanceof UserCancelled) return;
  const text = options.note ? `${describeFailure(what, error)} ${options.note}` : describeFailure(what, error);
  log.error(text);
  if (error instanceof CloudflareApiError && error.attempts > 1) log.error(`  after ${error.attempts} attempts`);
  const docs = error instanceof CloudflareApiError ? error.errors.find((e) => e.documentation_url)?.documentation_url : undefined;
  const actions = [...(options.retry ? ['Retry'] : []), 'Show details', ...(docs ? ['Open documentation'] : [])];
  const choice = await prompts.error(text, ...actions);
  if (choice === 'Retry' && options.retry) await options.retry();
  if (choice === 'Show details') log.show(true);
  if (choice === 'Open documentation' && docs) await vscode.env.openExternal(vscode.Uri.parse(docs));
}
