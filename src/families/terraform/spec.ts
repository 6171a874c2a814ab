import type { ResourceBase } from '../family';

// How a family's resources look in Cloudflare's Terraform provider v5, as data. The generic writer, drift check and
// names (src/terraform/) read only this; nothing outside src/families/ knows a resource type or an attribute name.
// Facts about the provider: test/fixtures/terraform/cloudflare-v5-resources.json (provider v5.22.0) and its ORIGIN.md.

/** A value as HCL holds it (and as hcl2json returns a literal): null is never written, it means "not set". */
export type TerraformValue = string | number | boolean | readonly TerraformValue[] | { readonly [key: string]: TerraformValue };

/** Attribute name (the provider's name) → value. */
export type TerraformAttributes = Readonly<Record<string, TerraformValue>>;

/**
 * A value the export cannot take from the live resource and the user supplies through a variable: a write-only
 * secret, or a required value Cloudflare never returns (a device posture `customer_id`).
 */
export interface TerraformInput {
  /** Dotted path of the attribute: `config.client_secret`. */
  readonly path: string;
  /** A secret: its variable is `sensitive = true`. */
  readonly sensitive: boolean;
  /** The variable's description: what to put in it. */
  readonly description: string;
}

/** One family's resource in the provider. */
export interface TerraformResourceSpec<R extends ResourceBase = ResourceBase> {
  /** The provider's resource type: `cloudflare_zero_trust_…`. */
  readonly resourceType: string;
  /**
   * The attributes to write for a live resource: every one whose live value is set (null and absent are left out),
   * `account_id` included, computed-only ones excluded. Values of `inputs` are absent here.
   */
  attributes(resource: R, accountId: string): TerraformAttributes;
  /** What the user must supply for this resource (written as `var.…` references, never as values). */
  inputs(resource: R): readonly TerraformInput[];
  /**
   * Dotted paths the drift check skips: attributes Cloudflare never returns (the provider's `no_refresh`), so the
   * live resource says nothing about them.
   */
  readonly neverReturned: readonly string[];
  /** The id `terraform import` takes: `<account_id>/<id>`. */
  importId(resource: R, accountId: string): string;
  /**
   * Attributes that are single nested objects in v5 (`config = { … }`). Provider v4 wrote some of them as blocks
   * (`config { … }`), which the drift check reads but flags.
   */
  readonly objectAttributes: readonly string[];
  /**
   * What identifies a workspace block when no `import` block names its id: the live resource whose values of these
   * attributes equal the block's literal ones (those the block sets) is the match, if it is the only one.
   */
  readonly matchAttributes: readonly string[];
}

/** `<account_id>/<id>`: the import id of every resource here (the provider's importpath splits it in two). */
export function accountScopedImportId(resource: ResourceBase, accountId: string): string {
  return `${accountId}/${resource.id}`;
}

/** The entries of a record whose value is set (neither null nor undefined), as Terraform values. */
export function setValues(values: Readonly<Record<string, unknown>>): Record<string, TerraformValue> {
  const out: Record<string, TerraformValue> = {};
  for (const [key, value] of Object.entries(values)) {
    const converted = asTerraformValue(value);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

/** A JSON value as a Terraform value; null, undefined and anything JSON cannot hold become undefined (not set). */
export function asTerraformValue(value: unknown): TerraformValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items: TerraformValue[] = [];
    for (const item of value as unknown[]) {
      const converted = asTerraformValue(item);
      if (converted !== undefined) items.push(converted);
    }
    return items;
  }
  if (typeof value === 'object' && value !== null) return setValues(value as Record<string, unknown>);
  return undefined;
}
