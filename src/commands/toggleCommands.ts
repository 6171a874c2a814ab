import type { FamilyDescriptor, ResourceBase } from '../families/family';
import type { ConfirmDeps, Services, ToggleDeps } from './services';
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
 * multi-select; each picked one flips. Switching off some that others depend on asks once, naming each and what
 * depends on it, and offers to leave those on. Failures are reported per resource; the others still apply.
 */
export async function toggleMany(services: ConfirmDeps & ToggleDeps & Pick<Services, 'log'>): Promise<ResourceBase[]> {
  const families = services.families.filter((f) => f.toggleField !== undefined);
  const fields = [...new Set(families.map((f) => f.toggleField))].join(' / ');
  const accounts = await accountsToPickFrom(services, `Toggle ${fields}`, families.map((f) => f.id));
  const items = resourceItems(services, accounts, families, (family, resource) => `${isOn(family, resource) ? '$(pass-filled)' : '$(circle-slash)'} ${family.displayName(resource)}`);
  if (items.length === 0) throw new Refusal(`There is nothing to toggle in ${accounts.map((a) => a.name).join(', ')}.`);
  const picked = await services.prompts.pickMany(items, { title: `Toggle ${fields}`, placeHolder: 'Pick the integrations to switch (each flips its current state)', matchOnDescription: true, matchOnDetail: true });
  if (!picked || picked.length === 0) throw new UserCancelled();
  const flipping = await withoutUnconfirmed(services, picked);
  const results = await Promise.all(flipping.map(async ({ family, resource, accountId }) => {
    try {
      return await setToggle(services, family, accountId, resource);
    } catch (error) {
      void reportError(services.prompts, services.log, `Toggling "${shortName(family.displayName(resource))}"`, error, { family, action: 'write', retry: () => setToggle(services, family, accountId, resource) });
      return undefined;
    }
  }));
  return results.filter((r): r is ResourceBase => r !== undefined);
}

interface Flip {
  readonly family: FamilyDescriptor;
  readonly resource: ResourceBase;
  readonly accountId: string;
}

/**
 * The picked resources to flip after one question about those being switched off that others depend on: Disable
 * keeps them all, "Keep Those On" drops just those, dismissing cancels everything (nothing is sent).
 */
async function withoutUnconfirmed<T extends Flip>(services: ConfirmDeps, picked: readonly T[]): Promise<readonly T[]> {
  const depended: { item: T; text: string }[] = [];
  for (const item of picked) {
    if (!isOn(item.family, item.resource)) continue;
    const users = await usersOf(services, item.family, item.accountId, item.resource);
    if (!users?.dependents) continue;
    const account = services.session.accountById(item.accountId)?.name ?? item.accountId;
    depended.push({ item, text: `"${shortName(item.family.displayName(item.resource))}" (${account}): ${users.text}` });
  }
  if (depended.length === 0) return picked;
  const [only] = picked;
  const title = picked.length === 1 && only
    ? `Disable ${only.family.singular} "${shortName(only.family.displayName(only.resource))}" in ${services.session.accountById(only.accountId)?.name ?? only.accountId}?`
    : `Toggle ${picked.length} picked? ${depended.length === 1 ? 'One of them' : `${depended.length} of them`} would be switched off while others depend on ${depended.length === 1 ? 'it' : 'them'}.`;
  const choice = await services.prompts.modal(
    title,
    depended.map((d) => d.text).join('\n\n'),
    'Disable', 'Keep Those On',
  );
  if (choice === 'Disable') return picked;
  if (choice !== 'Keep Those On') throw new UserCancelled();
  const kept = new Set<T>(depended.map((d) => d.item));
  const rest = picked.filter((item) => !kept.has(item));
  if (rest.length === 0) throw new UserCancelled();
  return rest;
}

function isOn(family: FamilyDescriptor, resource: ResourceBase): boolean {
  return family.toggleField !== undefined && (resource as unknown as Record<string, unknown>)[family.toggleField] === true;
}
