import type * as vscode from 'vscode';
import type { FamilyDescriptor, FamilyLookup, ResourceBase } from '../families/family';
import { openLiveDocument } from '../editor/openDocument';
import { cacheOf, type DocumentDeps, type Services } from './services';
import { UserCancelled } from '../ui/errors';

/** A family's look-up by another key (FamilyLookup): asks for the key, finds the resource, opens it and shows its row. */
export async function findByLookup(services: Pick<Services, 'prompts' | 'session' | 'caches' | 'providers' | 'views'> & DocumentDeps, family: FamilyDescriptor, lookup: FamilyLookup<ResourceBase>, keyArg?: string): Promise<vscode.TextEditor> {
  const key = keyArg ?? (await services.prompts.inputBox({
    title: lookup.title,
    prompt: lookup.prompt,
    validateInput: (v) => (v.trim() ? undefined : 'Enter a value'),
  }))?.trim();
  if (!key) throw new UserCancelled();
  const ctx = await services.session.context();
  const found = await lookup.find(ctx, key);
  cacheOf(services, family.id).upsert(found);
  const editor = await openLiveDocument(services, family, ctx.accountId, found);
  const node = services.providers.get(family.id)?.nodeFor(found.id);
  if (node) await services.views.get(family.id)?.reveal(node, { select: true, focus: false }).then(undefined, () => undefined);
  return editor;
}
