import type * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { isUnfilledPlaceholder } from '../families/templates';
import { confirmBeforeApply } from '../ui/settings';
import type { ApplyOutcome } from './applyOutcome';
import type { EditorDeps } from './editorDeps';
import { parseForApply, reportProblems } from './checkDocument';
import { planCreate, type EditProblem } from './editModel';
import type { DraftRef } from './uris';

/** Failures after which the create may still have happened at Cloudflare (the answer was lost, not refused). */
const UNKNOWN_OUTCOME = new Set(['timeout', 'network', 'server', 'badResponse']);

/**
 * Applies a draft: creates the resource (POST). A create is never retried and never sent twice for one draft
 * (applyCommand.ts allows one apply per document at a time and forgets the draft once it is created). When its
 * outcome is unknown (timeout, connection lost) the view is listed again so the user can see whether it exists.
 */
export async function applyDraft(services: EditorDeps, family: FamilyDescriptor, uri: vscode.Uri, ref: DraftRef, text: string): Promise<ApplyOutcome> {
  const parsed = parseForApply(services.diagnostics, uri, text);
  if (!parsed.ok) return { kind: 'problems', messages: parsed.messages };
  const unfilled = unfilledPlaceholders(parsed.value);
  const plan = unfilled.length > 0 ? { kind: 'problems' as const, problems: unfilled } : planCreate(family, parsed.value);
  if (plan.kind === 'problems') return { kind: 'problems', messages: reportProblems(services.diagnostics, uri, text, parsed.json, plan.problems) };
  services.diagnostics.delete(uri);
  const account = services.session.accountById(ref.accountId);
  if (confirmBeforeApply()) {
    const choice = await services.prompts.modal(`Create this ${family.singular} in ${account?.name ?? 'Cloudflare'}?`, 'The draft is sent to Cloudflare as it is.', 'Create');
    if (choice !== 'Create') return { kind: 'cancelled' };
  }
  const ctx = await services.session.context(account);
  let created: ResourceBase;
  try {
    created = await family.operations.create(ctx, plan.body);
  } catch (error) {
    const unknown = error instanceof CloudflareApiError && UNKNOWN_OUTCOME.has(error.kind);
    if (unknown) services.lists.relist(ref.accountId, family.id);
    return { kind: 'failed', error, mayHaveCreated: unknown };
  }
  services.lists.put(ref.accountId, family.id, created);
  return { kind: 'created', resource: created };
}

function unfilledPlaceholders(value: unknown, path: (string | number)[] = []): EditProblem[] {
  if (typeof value === 'string') return isUnfilledPlaceholder(value) ? [{ path, message: `Replace the placeholder "${value}" with a real value.` }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unfilledPlaceholders(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => unfilledPlaceholders(v, [...path, k]));
  return [];
}
