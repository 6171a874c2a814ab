import { familyOfResourceType } from '../families/terraform';
import type { FamilyId } from '../families/registry';
import type { HclJson } from './hclParser';
import { isPlainObject, readValue } from './hclLiterals';

// The blocks of a parsed workspace that the drift check reads: `resource` blocks of the types a family writes, and
// `import` blocks (which may sit in another file than the resource they import).

export interface ParsedTerraformFile {
  /** As the caller names it (workspace-relative is best): reports and hovers show it. */
  readonly path: string;
  readonly text: string;
  readonly json: HclJson;
}

export interface WorkspaceResource {
  readonly file: string;
  /** 1-based line of the `resource "TYPE" "NAME"` header; 0 when the scan could not find it. */
  readonly line: number;
  readonly familyId: FamilyId;
  readonly resourceType: string;
  readonly name: string;
  /** The block's body as hcl2json gives it (expressions as "${…}" strings, nested blocks as lists). */
  readonly body: Readonly<Record<string, unknown>>;
}

export interface WorkspaceImport {
  /** `TYPE.NAME` of the resource it imports. */
  readonly address: string;
  /** The literal import id, or undefined when it is an expression. */
  readonly id: string | undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The line where `resource "TYPE" "NAME" {` starts. hcl2json returns no source positions, so the header is found by
 * a scan of the text: HCL allows a label quoted or bare, with any spaces between. The scan could be fooled by the
 * same header inside a heredoc or a block comment before the real one; it only chooses the line a hover names.
 */
export function headerLine(text: string, resourceType: string, name: string): number {
  const label = (value: string): string => `(?:"${escapeRegExp(value)}"|${escapeRegExp(value)})`;
  const header = new RegExp(`^[ \\t]*resource[ \\t]+${label(resourceType)}[ \\t]+${label(name)}[ \\t]*\\{`, 'm');
  const found = header.exec(text);
  if (!found) return 0;
  let line = 1;
  for (let i = 0; i < found.index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Each resource block of a family's type in the file (hcl2json: `resource.TYPE.NAME` is a list of bodies). */
export function resourcesOf(file: ParsedTerraformFile): WorkspaceResource[] {
  const byType = file.json.resource;
  if (!isPlainObject(byType)) return [];
  const found: WorkspaceResource[] = [];
  for (const [resourceType, byName] of Object.entries(byType)) {
    const familyId = familyOfResourceType(resourceType);
    if (!familyId || !isPlainObject(byName)) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      const line = headerLine(file.text, resourceType, name);
      for (const body of Array.isArray(bodies) ? (bodies as unknown[]) : [bodies]) {
        if (isPlainObject(body)) found.push({ file: file.path, line, familyId, resourceType, name, body });
      }
    }
  }
  return found;
}

/** The `import` blocks of the file whose `to` is a plain `TYPE.NAME` address (not in a module, no index). */
export function importsOf(file: ParsedTerraformFile): WorkspaceImport[] {
  const blocks = file.json.import;
  if (!Array.isArray(blocks)) return [];
  const imports: WorkspaceImport[] = [];
  for (const block of blocks as unknown[]) {
    if (!isPlainObject(block) || typeof block.to !== 'string') continue;
    const address = /^\$\{([A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*)\}$/.exec(block.to)?.[1];
    if (!address) continue;
    const id = readValue(block.id);
    imports.push({ address, id: id.kind === 'literal' && typeof id.value === 'string' ? id.value : undefined });
  }
  return imports;
}
