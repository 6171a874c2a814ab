import type { FamilyDescriptor, ResourceBase } from '../families/family';

/**
 * The text a view's filter is matched against for one resource: its name, what its row says (type, vendor, state),
 * its group (the DLP profile) and its account. Case-insensitive substring, like the quick pick a user knows.
 */
export function filterText<R extends ResourceBase>(family: FamilyDescriptor<R>, resource: R, name: string, groupLabel: string | undefined): string {
  return [name, family.describe(resource).text, groupLabel ?? ''].join('\n').toLocaleLowerCase();
}

/** The filter as typed, normalised for matching (undefined: no filter). */
export function normaliseFilter(text: string | undefined): string | undefined {
  const trimmed = text?.trim().toLocaleLowerCase();
  return trimmed ? trimmed : undefined;
}
