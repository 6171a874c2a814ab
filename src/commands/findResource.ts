import type * as vscode from 'vscode';
import type { FamilyDescriptor, FamilyLookup, ResourceBase } from '../families/family';
import { openLiveDocument } from '../editor/openDocument';
import { cacheOf, type DocumentDeps, type Services } from './services';
import { UserCancelled } from '../ui/errors';
import { chooseAccount } from './chooseAccount';

/** A family's look-up by another key (FamilyLookup): asks for the key, finds the resource, opens it and shows its row. */
export async function findByLookup(services: Pick<Services, 'prompts' | 'session' | 'caches' | 'providers' | 'views'> & DocumentDeps, family: FamilyDescriptor, lookup: FamilyLookup<ResourceBase>, keyArg?: string, node?: unknown): Promise<vscode.TextEditor> {
  const account = await chooseAccount(services, node, `${lookup.title}: in which account?`);
  const key = keyArg ?? (await services.prompts.inputBox({
    title: lookup.title,
    prompt: lookup.prompt,
    validateInput: (v) => (v.trim() ? undefined : 'Enter a value'),
  }))?.trim();
  if (!key) throw new UserCancelled();
  const ctx = await services.session.context(account);
  const found = await lookup.find(ctx, key);
  cacheOf(services, account.id, family.id).upsert(found);
  const editor = await openLiveDocument(services, family, ctx.accountId, found);
  const row = services.providers.get(family.id)?.nodeFor(account.id, found.id);
  if (row) await services.views.get(family.id)?.reveal(row, { select: true, focus: false }).then(undefined, () => undefined);
  return editor;
}
