import type { TerraformValue } from '../families/terraform';

// Reading values out of hcl2json's answer, which is Terraform's JSON syntax: literals stay JSON values, and anything
// else (a reference, a function call, a template with an interpolation) becomes a string holding "${…}". A literal
// "${" or "%{" is escaped there as "$${" / "%%{", exactly as in HCL. So a string is an expression exactly when it
// holds an unescaped "${" or "%{"; otherwise it is a literal whose escapes are undone.

/** Splits a template string into its literal text, or reports that it holds an interpolation or a directive. */
function scanTemplate(text: string): { readonly literal: string } | { readonly expression: string } {
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const rest = text.slice(i, i + 3);
    if (rest === '$${' || rest === '%%{') {
      literal += `${rest[0] ?? ''}{`;
      i += 2;
    } else if (rest.startsWith('${') || rest.startsWith('%{')) {
      return { expression: text };
    } else {
      literal += text[i] ?? '';
    }
  }
  return { literal };
}

/** The source text of an expression: "${var.secret}" → "var.secret"; a template with text around it stays whole. */
export function expressionText(template: string): string {
  const whole = /^\$\{([^]*)\}$/.exec(template);
  // Only a single interpolation is unwrapped: "${a}-${b}" starts and ends with braces but is a template.
  return whole?.[1] !== undefined && !whole[1].includes('${') ? whole[1] : template;
}

/** A value from hcl2json: either a literal (null means "set to null") or an expression the check cannot evaluate. */
export type ReadValue =
  | { readonly kind: 'literal'; readonly value: TerraformValue | null }
  | { readonly kind: 'expression'; readonly text: string };

/** Reads a value; a list or object holding any expression is read as one expression, shown as its JSON. */
export function readValue(json: unknown): ReadValue {
  if (json === null || json === undefined) return { kind: 'literal', value: null };
  if (typeof json === 'string') {
    const scanned = scanTemplate(json);
    return 'literal' in scanned ? { kind: 'literal', value: scanned.literal } : { kind: 'expression', text: expressionText(scanned.expression) };
  }
  if (typeof json === 'number' || typeof json === 'boolean') return { kind: 'literal', value: json };
  if (Array.isArray(json)) {
    const items: TerraformValue[] = [];
    for (const item of json as unknown[]) {
      const read = readValue(item);
      if (read.kind === 'expression') return { kind: 'expression', text: JSON.stringify(json) };
      if (read.value !== null) items.push(read.value);
    }
    return { kind: 'literal', value: items };
  }
  if (typeof json === 'object') {
    const fields: Record<string, TerraformValue> = {};
    for (const [key, item] of Object.entries(json)) {
      const read = readValue(item);
      if (read.kind === 'expression') return { kind: 'expression', text: JSON.stringify(json) };
      if (read.value !== null) fields[key] = read.value;
    }
    return { kind: 'literal', value: fields };
  }
  // Not a JSON value (JSON.parse never makes one): nothing to compare.
  return { kind: 'expression', text: typeof json };
}

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
