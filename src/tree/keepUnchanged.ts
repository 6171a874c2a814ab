import equal from 'fast-deep-equal';
import type { ResourceBase } from '../families/family';

/**
 * A new listing where every resource equal to the one the last listing had under its id is that earlier object.
 * Most of a refresh's resources have not changed: kept, they keep what the view already made for them (display
 * name, sort position, TreeItem), they stay in the heap's old generation instead of being promoted anew while the
 * previous copies die there, and the fresh copies die young. Both are JSON values as the server sent them (checked
 * by the family's schema), so deep equality is value equality. Lists come back in the same order, so the same
 * position is tried first; an index by id is built only when an item moved. When every resource was kept in its
 * place, the result is the previous listing itself, so what was computed from it can be kept as a whole.
 */
export function keepUnchanged<R extends ResourceBase>(previous: readonly R[], next: readonly R[]): readonly R[] {
  if (next === previous || previous.length === 0) return next;
  let byId: Map<string, R> | undefined;
  let kept: R[] | undefined;
  let inPlace = 0;
  for (let at = 0; at < next.length; at++) {
    const resource = next[at] as R;
    let before = previous[at];
    if (before?.id !== resource.id) {
      byId ??= new Map(previous.map((item) => [item.id, item]));
      before = byId.get(resource.id);
    }
    if (before === undefined || (before !== resource && !equal(before, resource))) continue;
    if (before === previous[at]) inPlace++;
    if (before === resource) continue;
    kept ??= next.slice();
    kept[at] = before;
  }
  if (inPlace === previous.length && next.length === previous.length) return previous;
  return kept ?? next;
}
