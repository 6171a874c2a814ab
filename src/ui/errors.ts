import * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import { explainFailure, type FailureContext } from './errorText';
import type { Prompts } from './prompts';

/**
 * An action that cannot be done, for a reason its message explains in plain words (nothing to pick, nothing was
 * sent, a token that reaches no account). Shown as a warning, never as a failure with Retry.
 */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Refusal';
  }
}

/** Thrown (and shown quietly) when the user cancels a step; never reported as a failure. */
export class UserCancelled extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'UserCancelled';
  }
}

export interface ReportOptions extends Partial<Omit<FailureContext, 'what'>> {
  /** A sentence added after the failure (what happened to the user's edits, what to check). */
  readonly note?: string;
  /** Offered as "Retry" when given and the failure is one that trying again can fix. */
  readonly retry?: () => Promise<unknown>;
}

/**
 * Shows a failure in plain words (errorText.ts) with "Retry" when trying again can help, "Show details" (the log,
 * where every request is listed with its cf-ray) and Cloudflare's page when there is one. The technical facts go
 * to the log first so "Show details" has something to show.
 */
export async function reportError(prompts: Prompts, log: vscode.LogOutputChannel, what: string, error: unknown, options: ReportOptions = {}): Promise<void> {
  if (error instanceof UserCancelled) return;
  if (error instanceof Refusal) {
    log.info(`${what}: ${error.message}`);
    await prompts.warning(error.message);
    return;
  }
  const explained = explainFailure(error, { ...options, what });
  const text = options.note ? `${explained.text} ${options.note}` : explained.text;
  log.error(text);
  if (error instanceof CloudflareApiError) log.error(`  ${error.message}${error.attempts > 1 ? ` after ${error.attempts} attempts` : ''}`);
  const retry = explained.retryable ? options.retry : undefined;
  const docsLabel = error instanceof CloudflareApiError && error.kind === 'feature' ? 'Learn more' : 'Open documentation';
  const actions = [...(retry ? ['Retry'] : []), 'Show details', ...(explained.docsUrl ? [docsLabel] : [])];
  const choice = await prompts.error(text, ...actions);
  if (choice === 'Retry' && retry) await retry();
  if (choice === 'Show details') log.show(true);
  if (choice === docsLabel && explained.docsUrl) await vscode.env.openExternal(vscode.Uri.parse(explained.docsUrl));
}
