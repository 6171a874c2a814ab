import { Refusal } from '../ui/errors';
import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { openDocumentOf } from '../editor/documents';
import { liveDocumentUri } from '../editor/openDocument';
import { renderResource } from '../editor/render';
import { cacheOf, providerOf, type DocumentDeps, type ToggleDeps } from './services';

/**
 * Flips (or sets) a resource's toggle with one request; the row shows a spinner meanwhile and then the
 * server's answer, which also replaces the cached copy (no re-list).
 */
export async function setToggle(services: ToggleDeps, family: FamilyDescriptor, accountId: string, resource: ResourceBase, value?: boolean): Promise<ResourceBase> {
  const field = family.toggleField;
  if (!field || !family.toggleBody) throw new Refusal(`A ${family.singular} has no on/off switch.`);
  const current = (resource as unknown as Record<string, unknown>)[field] === true;
  const next = value ?? !current;
  const provider = providerOf(services, family.id);
  provider.setBusy(accountId, resource.id, true);
  try {
    const ctx = await services.session.context(accountId);
    const updated = await family.operations.update(ctx, resource.id, family.toggleBody(resource, next));
    cacheOf(services, accountId, family.id).upsert(updated);
    syncOpenDocument(services, family, ctx.accountId, updated);
    return updated;
  } finally {
    provider.setBusy(accountId, resource.id, false);
  }
}

/**
 * A document without edits follows the server; one with edits (unsaved, or saved but not applied) keeps its base,
 * so its next apply sees the change as a conflict instead of silently undoing it.
 */
export function syncOpenDocument(services: DocumentDeps, family: FamilyDescriptor, accountId: string, updated: ResourceBase): void {
  const uri = liveDocumentUri(family, accountId, updated);
  if (!services.fs.entry(uri)) return;
  if (openDocumentOf(uri)?.isDirty || services.pending.isResourcePending(accountId, family.id, updated.id)) return;
  services.fs.put(uri, renderResource(family, updated), updated);
}
