import type { ResourceBase } from '../families/family';

/**
 * One listing of a family in one account: the resources in the server's order, looked up by id through an index
 * built the first time something asks. A refresh of 10,000 rows never asks (the rows hold their resources), so it
 * does not pay for a map of them; a command that looks one up builds it once per listing. Where the server lists an
 * id twice, the later one wins, as a map would have it, and the count and the list say it once.
 */
export class ResourceList<R extends ResourceBase> {
  private index: Map<string, R> | undefined;

  private constructor(private list: readonly R[], private deduplicated: boolean) {}

  /** The server's list as it came (not copied). */
  static of<R extends ResourceBase>(list: readonly R[]): ResourceList<R> {
    return new ResourceList(list, false);
  }

  /** Whether the server listed nothing (no index needed to tell). */
  isEmpty(): boolean {
    return this.list.length === 0;
  }

  get size(): number {
    return this.values().length;
  }

  get(id: string): R | undefined {
    return this.byId().get(id);
  }

  has(id: string): boolean {
    return this.byId().has(id);
  }

  /** Every resource once, in the server's order. */
  values(): readonly R[] {
    if (!this.deduplicated) {
      const byId = this.byId();
      // Only a list with a repeated id is copied.
      if (byId.size !== this.list.length) this.list = [...byId.values()];
      this.deduplicated = true;
    }
    return this.list;
  }

  /** Every resource, possibly with a repeated id (the rows drop repeats themselves): no index is built. */
  raw(): readonly R[] {
    return this.list;
  }

  /** A new listing with `resource` in place of the one with its id (or added at the end). */
  with(resource: R): ResourceList<R> {
    const byId = new Map(this.byId());
    byId.set(resource.id, resource);
    return new ResourceList([...byId.values()], true);
  }

  /** A new listing without the resource of that id. */
  without(id: string): ResourceList<R> {
    return new ResourceList(this.values().filter((resource) => resource.id !== id), true);
  }

  private byId(): Map<string, R> {
    if (!this.index) {
      const index = new Map<string, R>();
      for (const resource of this.list) index.set(resource.id, resource);
      this.index = index;
    }
    return this.index;
  }
}
