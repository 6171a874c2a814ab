import type { TerraformAttributes, TerraformValue } from '../families/terraform';
import { isPlainObject, readValue } from './hclLiterals';

// Compares one workspace resource block with the attributes the live resource would have in Terraform. Only literal
// values are compared; an expression is listed as such, never guessed at. Objects are compared field by field so a
// change names its exact path (`config.api_url`); lists are compared whole.

/** One difference. `workspace` undefined: the block leaves the attribute out (Terraform would plan to unset it). */
export interface DriftChange {
  readonly path: string;
  readonly workspace: TerraformValue | undefined;
  readonly live: TerraformValue | undefined;
}

/** A value the block computes (a variable, a reference, a function): its source text. */
export interface DriftExpression {
  readonly path: string;
  readonly expression: string;
}

export interface BlockComparison {
  readonly changes: DriftChange[];
  readonly expressions: DriftExpression[];
  /** Attributes written as provider v4 blocks (`config { … }`) where v5 takes an object (`config = { … }`). */
  readonly v4Blocks: string[];
}

/** Meta-arguments and nested blocks that belong to Terraform, not to the resource's attributes. */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

/**
 * Scalars as Terraform converts them for an attribute of the live value's type: `"60"` and `60`, or `"true"` and
 * `true`, are the same value once the provider's schema types them.
 */
function sameScalar(a: TerraformValue, b: TerraformValue): boolean {
  if (typeof a === 'object' || typeof b === 'object') return false;
  return a === b || String(a) === String(b);
}

function sameValue(a: TerraformValue | undefined, b: TerraformValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const right = b as readonly TerraformValue[];
    return (a as readonly TerraformValue[]).every((item, i) => sameValue(item, right[i]));
  }
  if (typeof a === 'object' || typeof b === 'object') {
    if (typeof a !== 'object' || typeof b !== 'object') return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue((a as Record<string, TerraformValue>)[key], (b as Record<string, TerraformValue>)[key]));
  }
  return sameScalar(a, b);
}

class Comparison implements BlockComparison {
  readonly changes: DriftChange[] = [];
  readonly expressions: DriftExpression[] = [];
  readonly v4Blocks: string[] = [];

  constructor(private readonly ignored: ReadonlySet<string>) {}

  /** `workspace` is hcl2json's value at `path` (undefined: not in the block). */
  compare(path: string, workspace: unknown, live: TerraformValue | undefined): void {
    if (this.ignored.has(path)) return;
    if (isPlainObject(workspace) && (live === undefined || isPlainObject(live))) {
      this.compareObjects(path, workspace, live);
      return;
    }
    const read = workspace === undefined ? undefined : readValue(workspace);
    if (read?.kind === 'expression') {
      this.expressions.push({ path, expression: read.text });
      return;
    }
    const value = read?.value ?? undefined;
    if (!sameValue(value, live)) this.changes.push({ path, workspace: value, live });
  }

  compareObjects(prefix: string, workspace: Readonly<Record<string, unknown>>, live: Readonly<Record<string, TerraformValue>> | undefined): void {
    const keys = new Set([...Object.keys(workspace), ...Object.keys(live ?? {})]);
    for (const key of keys) this.compare(prefix ? `${prefix}.${key}` : key, workspace[key], live?.[key]);
  }
}

/**
 * Compares a block's body (from hcl2json) with the live attributes. `objectAttributes` are read as objects even
 * when written as a v4 block (hcl2json gives a block as a list of one object); `ignored` paths are skipped.
 */
export function compareBlock(
  body: Readonly<Record<string, unknown>>, live: TerraformAttributes, objectAttributes: readonly string[], ignored: readonly string[],
): BlockComparison {
  const comparison = new Comparison(new Set(ignored));
  const attributes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (META_ARGUMENTS.has(key)) continue;
    const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : undefined;
    if (objectAttributes.includes(key) && Array.isArray(value) && isPlainObject(first)) {
      comparison.v4Blocks.push(key);
      attributes[key] = first;
    } else {
      attributes[key] = value;
    }
  }
  comparison.compareObjects('', attributes, live);
  return comparison;
}
