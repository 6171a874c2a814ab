import * as vscode from 'vscode';
import { CloudflareApiError } from '../api/errors';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { cacheOf, type Services } from '../services/services';
import { shouldConfirmApply } from '../services/settings';
import { UserCancelled } from '../ui/errors';
import { assertDocumentAccount } from './accountGuard';
import { planCreate, type EditProblem } from './editModel';
import { parseOrBlock } from './parseOrBlock';
import { SaveBlocked } from './saveErrors';
import type { DraftRef } from './uris';

/** Template values that mark "fill me in"; sending one would create a broken integration. */
const UNFILLED = /REPLACE_WITH_/i;

/**
 * Saving a draft creates the resource (POST), then reopens it as a live document and reveals it in the tree.
 * A create is never retried: when its outcome is unknown (timeout, connection lost) the view is listed
 * again so the user can see whether it exists before saving again.
 */
export async function saveDraftDocument(
  services: Services, family: FamilyDescriptor, uri: vscode.Uri, ref: DraftRef, text: string,
  onCreated: (created: ResourceBase) => void,
): Promise<{ text: string }> {
  assertDocumentAccount(services, ref.accountId);
  const draft = parseOrBlock(services, uri, text);
  const unfilled = unfilledPlaceholders(draft.value);
  const plan = unfilled.length > 0 ? { kind: 'problems' as const, problems: unfilled } : planCreate(family, draft.value);
  if (plan.kind === 'problems') {
    services.diagnostics.set(uri, draft.diagnostics(plan.problems));
    throw new SaveBlocked(`The draft has ${plan.problems.length} problem(s); nothing was sent. See the Problems panel.`);
  }
  services.diagnostics.delete(uri);
  if (shouldConfirmApply()) {
    const account = services.session.account();
    const choice = await services.prompts.modal(`Create this ${family.singular} in ${account?.name ?? 'Cloudflare'}?`, 'The draft is sent to Cloudflare as it is.', 'Create');
    if (choice !== 'Create') throw new UserCancelled('Create cancelled; nothing was sent.');
  }
  const ctx = await services.session.context();
  const cache = cacheOf(services, family.id);
  let created: ResourceBase;
  try {
    created = await family.operations.create(ctx, plan.body);
  } catch (error) {
    if (error instanceof CloudflareApiError && ['timeout', 'network', 'server', 'badResponse'].includes(error.kind)) {
      void cache.reload();
      throw new Error(`${error.message}. The create may still have reached Cloudflare: the view was listed again; check it before saving this draft again.`);
    }
    throw error;
  }
  if (cache.state.status === 'loaded') cache.upsert(created);
  else void cache.reload();
  onCreated(created);
  return { text };
}

function unfilledPlaceholders(value: unknown, path: (string | number)[] = []): EditProblem[] {
  if (typeof value === 'string') return UNFILLED.test(value) ? [{ path, message: 'Replace this placeholder with a real value.' }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unfilledPlaceholders(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => unfilledPlaceholders(v, [...path, k]));
  return [];
}
