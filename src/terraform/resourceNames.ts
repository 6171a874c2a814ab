// Terraform resource names (the NAME in `TYPE.NAME`) from display names. A name must be a valid identifier and
// unique among the resources of its type; it should also read like the display name, and come out the same on every
// export of the same resources, whatever order they were listed in, so a re-export diffs cleanly against a committed
// file. Two resources whose names clash are told apart by their ids, never by their position in a list.

/** Long enough to read, short enough for an address on one line; longer names are cut. */
const MAX_BASE_LENGTH = 64;
/** The base of a name that has no letter or digit a Terraform name can hold (a name in CJK script, for one). */
const NAMELESS_BASE = 'unnamed';

export interface NamedResource {
  /** Unique among the resources named together; breaks ties. */
  readonly id: string;
  readonly displayName: string;
}

/**
 * "Corp CrowdStrike (EU)" → "corp_crowdstrike_eu": letters lose their accents, everything else that is not a
 * letter or digit of ASCII becomes one underscore, and a leading digit gets an underscore in front (a Terraform name
 * starts with a letter or an underscore).
 */
export function nameBase(displayName: string): string {
  const ascii = displayName.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  const words = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, MAX_BASE_LENGTH).replace(/_+$/, '');
  if (words === '') return NAMELESS_BASE;
  return /^[0-9]/.test(words) ? `_${words}` : words;
}

/** The id as name characters: "1A2B-3c4d…" → "1a2b3c4d…". */
function idPart(id: string): string {
  const part = id.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return part === '' ? 'x' : part;
}

const byId = (a: NamedResource, b: NamedResource): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A name for each resource (id → name), unique within the list. A base used once is the name; bases used more than
 * once get the first eight characters of the id (the whole id if those clash too). Ids decide every tie, so the
 * same set of resources gets the same names in any order.
 */
export function uniqueResourceNames(resources: readonly NamedResource[]): Map<string, string> {
  const sorted = [...resources].sort(byId);
  const bases = new Map<string, NamedResource[]>();
  for (const resource of sorted) {
    const base = nameBase(resource.displayName);
    bases.set(base, [...(bases.get(base) ?? []), resource]);
  }
  const names = new Map<string, string>();
  const taken = new Set<string>();
  // Unique bases first: a name that is its own display name never gives way to a suffixed one.
  for (const [base, group] of bases) {
    const only = group.length === 1 ? group[0] : undefined;
    if (only) {
      names.set(only.id, base);
      taken.add(base);
    }
  }
  for (const [base, group] of bases) {
    if (group.length === 1) continue;
    const shortClash = new Set(group.map((r) => idPart(r.id).slice(0, 8))).size < group.length;
    for (const resource of group) {
      const id = idPart(resource.id);
      let name = `${base}_${shortClash ? id : id.slice(0, 8)}`;
      if (taken.has(name)) name = `${base}_${id}`;
      for (let n = 2; taken.has(name); n++) name = `${base}_${id}_${n}`;
      names.set(resource.id, name);
      taken.add(name);
    }
  }
  return names;
}
