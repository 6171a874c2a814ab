import * as vscode from 'vscode';
import type { FamilyDescriptor } from '../families/family';
import { reportError } from '../ui/errors';
import { listOf, shortName } from '../ui/text';
import type { ApplyOutcome } from './applyOutcome';
import type { EditorDeps } from './editorDeps';

interface ReportContext {
  /** The resource's display name (or "this … draft"); cut to a readable length here. */
  readonly name: string;
  readonly family: FamilyDescriptor | undefined;
  readonly retry: (() => Promise<unknown>) | undefined;
  readonly accountName: string | undefined;
  /** The document as parsed when it was applied (names the provider fields to check after a 2046). */
  readonly document: unknown;
}

/** Tells the user what an apply came to, in plain words, with the action that helps. */
export async function reportApplyOutcome(services: Pick<EditorDeps, 'prompts' | 'log'>, outcome: ApplyOutcome, context: ReportContext): Promise<void> {
  const name = `"${shortName(context.name)}"`;
  const { prompts } = services;
  switch (outcome.kind) {
    case 'applied':
      await prompts.info(`Applied to ${name}: ${listOf(outcome.fields)}.`);
      return;
    case 'created':
      await prompts.info(`Created ${context.family?.singular ?? 'the resource'} "${shortName(context.family?.displayName(outcome.resource) ?? outcome.resource.id)}".`);
      return;
    case 'problems': {
      const count = outcome.messages.length;
      const first = outcome.messages[0] ?? '';
      const more = count > 1 ? ` (and ${count - 1} more problem${count > 2 ? 's' : ''})` : '';
      const choice = await prompts.error(`Not applied: ${first}${more}. Nothing was sent; your edits are kept.`, 'Show problems');
      if (choice === 'Show problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    }
    case 'unchanged':
      await prompts.info(`Nothing to apply: ${name} already matches Cloudflare.`);
      return;
    case 'compare':
      await prompts.info(`${name} changed on Cloudflare. Your edits are kept and not applied: compare them with Cloudflare's copy, then Apply again to overwrite or discard.`);
      return;
    case 'discarded':
      await prompts.info(`Your edits to ${name} were discarded; the editor shows Cloudflare's copy.`);
      return;
    case 'cancelled':
      await prompts.info(`Not applied; your edits to ${name} are kept.`);
      return;
    case 'refused':
      await prompts.warning(`Not applied: ${outcome.reason}`);
      return;
    case 'failed': {
      const what = `Applying ${name}`;
      const note = outcome.mayHaveCreated
        ? 'The create may still have reached Cloudflare: the view was listed again; check it before applying this draft again.'
        : 'Your edits are kept.';
      await reportError(prompts, services.log, what, outcome.error, {
        note, action: 'write', document: context.document,
        ...(context.family ? { family: context.family } : {}), ...(context.accountName ? { accountName: context.accountName } : {}),
        ...(outcome.mayHaveCreated || !context.retry ? {} : { retry: context.retry }),
      });
      return;
    }
  }
}
