import type { FamilyDescriptor, GroupLabelSource, ResourceBase } from '../families/family';
import type { RelatedData, RelatedKey } from '../families/related/sources';
import type { RelatedLists, Settled } from './relatedLists';

const NO_LABELS: ReadonlyMap<string, string> = new Map<string, string>();

/** The names a related list gives the groups (one typed call for the source's own key). */
export function namesOfGroups(source: GroupLabelSource, settled: Settled): ReadonlyMap<string, string> {
  if (!settled.ok) throw settled.error;
  return (source.namesIn as (list: RelatedData[RelatedKey]) => ReadonlyMap<string, string>)(settled.value);
}

/**
 * A family's list together with the names of its groups (DLP entries and their profiles' names). The first list of
 * an account reads both at once. Later lists reuse the names held, without waiting for anything, unless a resource
 * names a group they lack (a new profile): then the names are read again before the rows show. A failure to read
 * the names fails the list, as it always did: rows under groups nobody can name would mislead.
 */
export async function listWithGroupLabels<R extends ResourceBase>(
  family: FamilyDescriptor<R>, accountId: string, related: RelatedLists, listing: Promise<R[]>,
): Promise<{ readonly items: R[]; readonly groupLabels: ReadonlyMap<string, string> }> {
  const grouping = family.grouping;
  if (!grouping) return { items: await listing, groupLabels: NO_LABELS };
  const source = grouping.labels;
  const held = related.peek(accountId, source.from);
  if (!held?.ok) {
    // Not held yet, being read, or failed last time: read it with the list. Both answers are awaited even when the
    // list fails first, so no read of the names is left running (and answering later) once this load is over.
    const [listed, settled] = await Promise.all([
      listing.then((items) => ({ ok: true as const, items }), (error: unknown) => ({ ok: false as const, error })),
      held ? related.reload(accountId, source.from) : related.load(accountId, source.from),
    ]);
    if (!listed.ok) throw listed.error;
    return { items: listed.items, groupLabels: namesOfGroups(source, settled) };
  }
  const items = await listing;
  const names = namesOfGroups(source, held);
  const lacking = items.some((resource) => {
    const key = grouping.groupOf(resource);
    return key !== '' && !names.has(key);
  });
  if (!lacking) return { items, groupLabels: names };
  return { items, groupLabels: namesOfGroups(source, await related.reload(accountId, source.from)) };
}
