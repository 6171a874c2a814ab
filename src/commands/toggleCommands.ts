import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { cacheOf, type PickDeps, type Services, type ToggleDeps } from './services';
import { Refusal, reportError, UserCancelled } from '../ui/errors';
import { shortName } from '../ui/text';
import { resourceFromNodeOrPick } from './pickResource';
import { setToggle } from './toggle';

/** Inline tree action (or palette, through a picker): flips one resource. */
export async function toggleOne(services: PickDeps & ToggleDeps, node?: unknown): Promise<ResourceBase> {
  const { family, resource } = await resourceFromNodeOrPick(services, node, { title: 'Toggle…', filter: (f) => f.toggleField !== undefined });
  return setToggle(services, family, resource);
}

/**
 * "Toggle enabled…": every toggleable resource of the active account with its state, multi-select; each
 * picked one flips. Failures are reported per resource; the others still apply.
 */
export async function toggleMany(services: PickDeps & ToggleDeps & Pick<Services, 'log'>): Promise<ResourceBase[]> {
  const families = services.families.filter((f) => f.toggleField !== undefined);
  await Promise.all(families.map(async (f) => {
    const cache = cacheOf(services, f.id);
    if (cache.state.status !== 'loaded') await cache.reload();
  }));
  const items = families.flatMap((family) => cacheOf(services, family.id).items().map((resource) => ({
    label: `${isOn(family, resource) ? '$(pass-filled)' : '$(circle-slash)'} ${family.displayName(resource)}`,
    description: family.describe(resource).text,
    detail: family.singular,
    family,
    resource,
  })));
  if (items.length === 0) throw new Refusal('There is nothing to toggle in this account.');
  const fields = [...new Set(families.map((f) => f.toggleField))].join(' / ');
  const picked = await services.prompts.pickMany(items, { title: `Toggle ${fields}`, placeHolder: 'Pick the integrations to switch (each flips its current state)', matchOnDetail: true });
  if (!picked || picked.length === 0) throw new UserCancelled();
  const results = await Promise.all(picked.map(async ({ family, resource }) => {
    try {
      return await setToggle(services, family, resource);
    } catch (error) {
      void reportError(services.prompts, services.log, `Toggling "${shortName(family.displayName(resource))}"`, error, { family, action: 'write', retry: () => setToggle(services, family, resource) });
      return undefined;
    }
  }));
  return results.filter((r): r is ResourceBase => r !== undefined);
}

function isOn(family: FamilyDescriptor, resource: ResourceBase): boolean {
  return family.toggleField !== undefined && (resource as unknown as Record<string, unknown>)[family.toggleField] === true;
}
