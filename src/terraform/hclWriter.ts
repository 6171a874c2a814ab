import type { TerraformValue } from '../families/terraform';
import { hclComment, hclKey, hclString } from './hclSyntax';

// Writes a Terraform configuration for provider v5: the required_providers block, the input variables, and a
// `resource` block followed by its `import` block for each resource. Only layout lives here; what goes in the blocks
// is decided by export.ts. Nested attributes are v5 object and list expressions (`config = { … }`), never v4 blocks.

/** A reference to an input variable, written as the expression `var.NAME` (never as a string holding a value). */
export class VariableReference {
  constructor(readonly name: string) {}
}

export type HclValue = TerraformValue | VariableReference | readonly HclValue[] | { readonly [key: string]: HclValue };
export type HclBody = Readonly<Record<string, HclValue>>;

export interface HclVariable {
  readonly name: string;
  readonly description: string;
  readonly sensitive: boolean;
}

export interface HclResource {
  /** One line saying what the resource is; untrusted text is fine (it is made safe as a comment). */
  readonly comment: string;
  readonly type: string;
  readonly name: string;
  readonly body: HclBody;
  readonly importId: string;
}

export interface HclDocument {
  /** Lines of the comment at the top. */
  readonly header: readonly string[];
  /** Whether to write `terraform { required_providers { … } }` (leave it out when pasting into a configured workspace). */
  readonly requiredProviders: boolean;
  readonly variables: readonly HclVariable[];
  readonly resources: readonly HclResource[];
}

const INDENT = '  ';
/** Lists of plain values this short stay on one line. */
const INLINE_LIST_WIDTH = 80;

function isScalar(value: HclValue): value is string | number | boolean | VariableReference {
  return typeof value !== 'object' || value instanceof VariableReference;
}

function scalar(value: string | number | boolean | VariableReference): string {
  if (value instanceof VariableReference) return `var.${value.name}`;
  if (typeof value === 'string') return hclString(value);
  return String(value);
}

/** A value as it follows `key = `; lines after the first are indented for the level `indent`. */
function renderValue(value: HclValue, indent: string): string {
  if (isScalar(value)) return scalar(value);
  if (Array.isArray(value)) return renderList(value as readonly HclValue[], indent);
  return renderObject(value as HclBody, indent);
}

function renderList(items: readonly HclValue[], indent: string): string {
  if (items.length === 0) return '[]';
  if (items.every(isScalar)) {
    const inline = `[${items.map((item) => scalar(item)).join(', ')}]`;
    if (inline.length <= INLINE_LIST_WIDTH) return inline;
  }
  const inner = indent + INDENT;
  return `[\n${items.map((item) => `${inner}${renderValue(item, inner)},\n`).join('')}${indent}]`;
}

function renderObject(body: HclBody, indent: string): string {
  if (Object.keys(body).length === 0) return '{}';
  return `{\n${renderAttributes(body, indent + INDENT).join('\n')}\n${indent}}`;
}

/**
 * `key = value` lines at `indent`. As `terraform fmt` does, the `=` of neighbouring one-line attributes line up;
 * an attribute whose value spans lines stands on its own.
 */
function renderAttributes(body: HclBody, indent: string): string[] {
  const entries = Object.entries(body).map(([key, value]) => ({ key: hclKey(key), text: renderValue(value, indent) }));
  const lines: string[] = [];
  let run: { key: string; text: string }[] = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map((e) => e.key.length));
    for (const e of run) lines.push(`${indent}${e.key.padEnd(width)} = ${e.text}`);
    run = [];
  };
  for (const entry of entries) {
    if (entry.text.includes('\n')) {
      flush();
      lines.push(`${indent}${entry.key} = ${entry.text}`);
    } else {
      run.push(entry);
    }
  }
  flush();
  return lines;
}

function block(header: string, body: HclBody): string {
  return `${header} {\n${renderAttributes(body, INDENT).join('\n')}\n}`;
}

const REQUIRED_PROVIDERS = [
  'terraform {',
  '  required_providers {',
  '    cloudflare = {',
  '      source  = "cloudflare/cloudflare"',
  '      version = "~> 5"',
  '    }',
  '  }',
  '}',
].join('\n');

function variableBlock(variable: HclVariable): string {
  const where = `Set it with the environment variable TF_VAR_${variable.name}, or in a .tfvars file that is not committed.`;
  // `type = string` is a type keyword, not a value, so the three lines are laid out here, aligned as fmt would.
  const lines = [
    `${INDENT}description = ${hclString(variable.description)}`,
    `${INDENT}type        = string`,
    `${INDENT}sensitive   = ${String(variable.sensitive)}`,
  ];
  return `${hclComment(where)}\nvariable ${hclString(variable.name)} {\n${lines.join('\n')}\n}`;
}

function resourceBlocks(resource: HclResource): string {
  const address = `${resource.type}.${resource.name}`;
  return [
    hclComment(resource.comment),
    block(`resource ${hclString(resource.type)} ${hclString(resource.name)}`, resource.body),
    '',
    `import {\n${INDENT}to = ${address}\n${INDENT}id = ${hclString(resource.importId)}\n}`,
  ].join('\n');
}

/** The whole configuration, blocks separated by blank lines, ending with a newline. */
export function writeHcl(document: HclDocument): string {
  const sections = [
    document.header.map(hclComment).join('\n'),
    ...(document.requiredProviders ? [REQUIRED_PROVIDERS] : []),
    ...document.variables.map(variableBlock),
    ...document.resources.map(resourceBlocks),
  ].filter((section) => section !== '');
  return `${sections.join('\n\n')}\n`;
}
