import type { ResourceBase } from './family';
import type { RelatedData, RelatedKey } from './related/sources';

// "Used by": what breaks when a resource is disabled or deleted. Each family that can be used says how to find
// its users (a `usedBy` part on its descriptor); the tree, the confirmations and the wording are generic.

/** How a kind of user is named in a sentence: "2 posture rules read this integration". */
export interface UsedByNoun {
  /** "posture rule" / "posture rules". */
  readonly one: string;
  readonly many: string;
  /** "reads this integration" / "read this integration" (for the users of the users: "require them"). */
  readonly verbOne: string;
  readonly verbMany: string;
}

/** One resource that uses the one asked about; `users` are what in turn use it (the policies of a posture rule). */
export interface UsedByEntry {
  readonly id: string;
  readonly name: string;
  /** How it uses it, when that varies: "require", "exclude". */
  readonly note?: string;
  readonly users?: readonly UsedByGroup[];
}

export interface UsedByGroup {
  readonly noun: UsedByNoun;
  readonly entries: readonly UsedByEntry[];
  /**
   * Whether disabling the resource changes what these users do. False for context only (the DLP profiles an entry
   * is in hold it either way): a toggle-off asks first only when some group, at any depth, is a dependent one.
   */
  readonly dependent: boolean;
}

/** What the family's part found. */
export interface UsedByFound {
  readonly groups: readonly UsedByGroup[];
  /** Links the API cannot answer, said plainly ("Access application policies are not checked: …"). */
  readonly unchecked: readonly string[];
}

/** What a family's part can read: lists of other families of the account and the related lists it asked for. */
export interface UsedByInput {
  /** A family list of the same account (empty when it did not load; the failure is reported beside the answer). */
  list(familyId: string): readonly ResourceBase[];
  /** A related list, or undefined when it could not be read (reported beside the answer). */
  related<K extends RelatedKey>(key: K): RelatedData[K] | undefined;
}

export interface FamilyUsedBy<R extends ResourceBase> {
  /** Other families' lists it reads (loaded with the account anyway). */
  readonly lists: readonly string[];
  /** Related lists it reads (loaded on first need, once per account). */
  readonly related: readonly RelatedKey[];
  find(resource: R, input: UsedByInput): UsedByFound;
}

/** Whether a toggle-off should ask: some user, at any depth, depends on the resource. */
export function hasDependents(groups: readonly UsedByGroup[]): boolean {
  return groups.some((group) => (group.dependent && group.entries.length > 0) || group.entries.some((entry) => hasDependents(entry.users ?? [])));
}

/** A list the answer needed and could not read: said in the dialog, never taken for "nothing uses it". */
export interface UsedByFailure {
  /** What it is: "Access policies", "Device posture rules". */
  readonly what: string;
  readonly error: unknown;
  readonly access?: { readonly readPermission: string; readonly writePermission: string };
}

/** The whole answer for one resource: what was found, what cannot be checked, and what failed to load. */
export interface UsedByReport extends UsedByFound {
  readonly failures: readonly UsedByFailure[];
}
