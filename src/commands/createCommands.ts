import { NotSignedIn } from '../auth/session';
import type * as vscode from 'vscode';
import { openDraftDocument } from '../editor/openDocument';
import { cacheOf, familyOf, type PickDeps, type Services } from './services';
import { Refusal, UserCancelled } from '../ui/errors';

/**
 * Opens a draft for a new resource of a family: pick a variant first where the family has several shapes, or pick
 * the existing resource the create switches where Cloudflare's "create" only switches one (family.templateFor).
 */
export async function newDraft(services: PickDeps & Pick<Services, 'fs'>, familyId: string, variantArg?: string): Promise<vscode.TextEditor> {
  const account = services.session.account();
  if (!account) throw new NotSignedIn();
  const family = familyOf(services, familyId);
  if (family.templateFor) {
    const cache = cacheOf(services, familyId);
    if (cache.state.status !== 'loaded') await cache.reload();
    const items = cache.items().map((resource) => ({ label: family.displayName(resource), description: family.describe(resource).text, resource }));
    if (items.length === 0) throw new Refusal(`There are no ${family.title.toLowerCase()} in ${account.name} to switch.`);
    const picked = await services.prompts.pickOne(items, { title: family.create?.title ?? family.singular, ...(family.create?.pickPlaceholder ? { placeHolder: family.create.pickPlaceholder } : {}) });
    if (!picked) throw new UserCancelled();
    return openDraftDocument(services, family, account.id, family.templateFor(picked.resource), `${family.displayName(picked.resource)} (switch)`);
  }
  let variant = variantArg;
  if (!variant && family.templateVariants.length > 0) {
    const picked = await services.prompts.pickOne(
      family.templateVariants.map((v) => ({ label: family.variantLabel?.(v) ?? v, description: v, variant: v })),
      { title: family.create?.title ?? family.singular, ...(family.create?.pickPlaceholder ? { placeHolder: family.create.pickPlaceholder } : {}), matchOnDescription: true },
    );
    if (!picked) throw new UserCancelled();
    variant = picked.variant;
  }
  if (variant && !family.templateVariants.includes(variant)) throw new Refusal(`Unknown ${family.singular} type "${variant}".`);
  return openDraftDocument(services, family, account.id, family.createTemplate(variant), `new ${variant ? (family.variantLabel?.(variant) ?? variant) : family.singular}`);
}
