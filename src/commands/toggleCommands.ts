import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { ConfirmDeps, PickDeps, Services, ToggleDeps } from './services';
import { usersOf } from './usersOf';
import { Refusal, reportError, UserCancelled } from '../ui/errors';
import { shortName } from '../ui/text';
import { accountsToPickFrom, resourceFromNodeOrPick, resourceItems } from './pickResource';
import { setToggle } from './toggle';

/**
 * Inline tree action (or palette, through a picker): flips one resource. Switching off something others depend on
 * (a Gateway rule matches the entry's profile, an identity provider is tied to the integration) asks first, naming
 * them; otherwise it is one request, as before.
 */
export async function toggleOne(services: ConfirmDeps & ToggleDeps, node?: unknown): Promise<ResourceBase> {
  const { family, resource, accountId } = await resourceFromNodeOrPick(services, node, { title: 'Toggle…', filter: (f) => f.toggleField !== undefined });
  if (isOn(family, resource)) {
    const users = await usersOf(services, family, accountId, resource);
    if (users?.dependents) {
      const name = shortName(family.displayName(resource));
      const account = services.session.accountById(accountId)?.name ?? accountId;
      const choice = await services.prompts.modal(`Disable ${family.singular} "${name}" in ${account}?`, users.text, 'Disable');
      if (choice !== 'Disable') throw new UserCancelled();
    }
  }
  return setToggle(services, family, accountId, resource);
}

/**
 * "Toggle enabled…": every toggleable resource of the opened accounts with its state, account and profile,
 * multi-select; each picked one flips. Failures are reported per resource; the others still apply.
 */
export async function toggleMany(services: PickDeps & ToggleDeps & Pick<Services, 'log'>): Promise<ResourceBase[]> {
  const families = services.families.filter((f) => f.toggleField !== undefined);
  const fields = [...new Set(families.map((f) => f.toggleField))].join(' / ');
  const accounts = await accountsToPickFrom(services, `Toggle ${fields}`, families.map((f) => f.id));
  const items = resourceItems(services, accounts, families, (family, resource) => `${isOn(family, resource) ? '$(pass-filled)' : '$(circle-slash)'} ${family.displayName(resource)}`);
  if (items.length === 0) throw new Refusal(`There is nothing to toggle in ${accounts.map((a) => a.name).join(', ')}.`);
  const picked = await services.prompts.pickMany(items, { title: `Toggle ${fields}`, placeHolder: 'Pick the integrations to switch (each flips its current state)', matchOnDescription: true, matchOnDetail: true });
  if (!picked || picked.length === 0) throw new UserCancelled();
  const results = await Promise.all(picked.map(async ({ family, resource, accountId }) => {
    try {
      return await setToggle(services, family, accountId, resource);
    } catch (error) {
      void reportError(services.prompts, services.log, `Toggling "${shortName(family.displayName(resource))}"`, error, { family, action: 'write', retry: () => setToggle(services, family, accountId, resource) });
      return undefined;
    }
  }));
  return results.filter((r): r is ResourceBase => r !== undefined);
}

function isOn(family: FamilyDescriptor, resource: ResourceBase): boolean {
  return family.toggleField !== undefined && (resource as unknown as Record<string, unknown>)[family.toggleField] === true;
}
