import type * as vscode from 'vscode';
import { openLiveDocument } from '../editor/openDocument';
import { getRiskScoringIntegrationByReferenceId, riskScoringIntegrations } from '../families/riskScoringIntegrations';
import { cacheOf, type Services } from '../services/services';
import { UserCancelled } from '../ui/errors';

/** Looks a risk scoring integration up by its reference_id (usually the Access Okta IdP id) and opens it. */
export async function findRiskScoringByReferenceId(services: Services, referenceArg?: string): Promise<vscode.TextEditor> {
  const reference = referenceArg ?? (await services.prompts.inputBox({
    title: 'Find risk scoring integration',
    prompt: 'Reference ID (for Okta, the ID of the Access identity provider)',
    validateInput: (v) => (v.trim() ? undefined : 'Enter a reference ID'),
  }))?.trim();
  if (!reference) throw new UserCancelled();
  const ctx = await services.session.context();
  const found = await getRiskScoringIntegrationByReferenceId(ctx, reference);
  const cache = cacheOf(services, riskScoringIntegrations.id);
  cache.upsert(found);
  const editor = await openLiveDocument(services, riskScoringIntegrations, ctx.accountId, found);
  const node = services.providers.get(riskScoringIntegrations.id)?.nodeFor(found.id);
  if (node) await services.views.get(riskScoringIntegrations.id)?.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
  return editor;
}
