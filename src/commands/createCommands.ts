import type * as vscode from 'vscode';
import { openDraftDocument } from '../editor/openDocument';
import { cacheOf, familyOf, type PickDeps, type Services } from './services';
import { whereItLives } from './pickResource';
import { Refusal, UserCancelled } from '../ui/errors';
import { chooseAccount } from './chooseAccount';

/**
 * Opens a draft for a new resource of a family: pick a variant first where the family has several shapes, or pick
 * the existing resource the create switches where Cloudflare's "create" only switches one (family.templateFor).
 */
export async function newDraft(services: PickDeps & Pick<Services, 'fs'>, familyId: string, variantArg?: string, node?: unknown): Promise<vscode.TextEditor> {
  const family = familyOf(services, familyId);
  const account = await chooseAccount(services, node, `${family.create?.title ?? family.singular}: in which account?`);
  if (family.templateFor) {
    await services.caches.load(account.id, [familyId]);
    const cache = cacheOf(services, account.id, familyId);
    const items = cache.items().map((resource) => ({ label: family.displayName(resource), description: family.describe(resource).text, detail: whereItLives(services, family, account, resource), resource }));
    if (items.length === 0) throw new Refusal(`There are no ${family.title.toLowerCase()} in ${account.name} to switch.`);
    const picked = await services.prompts.pickOne(items, { title: `${family.create?.title ?? family.singular} in ${account.name}`, ...(family.create?.pickPlaceholder ? { placeHolder: family.create.pickPlaceholder } : {}), matchOnDetail: true });
    if (!picked) throw new UserCancelled();
    return openDraftDocument(services, family, account.id, family.templateFor(picked.resource), `${family.displayName(picked.resource)} (switch)`);
  }
  let variant = variantArg;
  if (!variant && family.templateVariants.length > 0) {
    const picked = await services.prompts.pickOne(
      family.templateVariants.map((v) => ({ label: family.variantLabel?.(v) ?? v, description: v, variant: v })),
      { title: `${family.create?.title ?? family.singular} in ${account.name}`, ...(family.create?.pickPlaceholder ? { placeHolder: family.create.pickPlaceholder } : {}), matchOnDescription: true },
    );
    if (!picked) throw new UserCancelled();
    variant = picked.variant;
  }
  if (variant && !family.templateVariants.includes(variant)) throw new Refusal(`Unknown ${family.singular} type "${variant}".`);
  return openDraftDocument(services, family, account.id, family.createTemplate(variant), `new ${variant ? (family.variantLabel?.(variant) ?? variant) : family.singular}`);
}
