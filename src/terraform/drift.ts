import type { ResourceBase } from '../families/family';
import type { FamilyId } from '../families/registry';
import { terraformSpecs, type TerraformResourceSpec } from '../families/terraform';
import { compareBlock, type DriftChange, type DriftExpression } from './driftCompare';
import { readValue } from './hclLiterals';
import { importsOf, resourcesOf, type ParsedTerraformFile, type WorkspaceImport, type WorkspaceResource } from './workspaceBlocks';

// "Compare with Terraform": the resource blocks of the workspace's .tf files, each matched to a live resource and
// compared with it. A block is matched by the id of an `import` block that targets it first (the id Terraform would
// import), then by the attributes its family names (a posture integration's `name`, a DLP entry's `entry_id`).

export type { DriftChange, DriftExpression } from './driftCompare';

/** Live resources: account id → family → the resources listed. */
export type LiveResources = ReadonlyMap<string, Partial<Readonly<Record<FamilyId, readonly ResourceBase[]>>>>;

export type DriftStatus = 'equal' | 'changed' | 'missingLive';

export interface ResourceDrift {
  /** Where the block is declared, for a hover's "file:line" (line 0: not found in the text). */
  readonly file: string;
  readonly line: number;
  readonly familyId: FamilyId;
  /** `TYPE.NAME`. */
  readonly address: string;
  /**
   * equal: every literal value matches (expressions may still be listed); changed: see `changes`; missingLive: no
   * live resource matches (deleted, or never created), `reason` says why.
   */
  readonly status: DriftStatus;
  /** The live resource it was compared with. */
  readonly live?: { readonly accountId: string; readonly id: string; readonly matchedBy: 'import' | 'attributes' };
  readonly changes: readonly DriftChange[];
  readonly expressions: readonly DriftExpression[];
  /** Attributes written in provider v4 block syntax (`config { … }`); read as v5 objects, but v5 refuses them. */
  readonly v4Blocks: readonly string[];
  readonly reason?: string;
}

export interface DriftReport {
  readonly resources: readonly ResourceDrift[];
  /** Files that did not parse, with the parser's message. */
  readonly errors: readonly { readonly file: string; readonly message: string }[];
}

interface Candidate {
  readonly accountId: string;
  readonly resource: ResourceBase;
}

function liveOf(live: LiveResources, familyId: FamilyId, accountId?: string): Candidate[] {
  const accounts = accountId === undefined ? [...live.keys()] : [accountId];
  return accounts.flatMap((account) => (live.get(account)?.[familyId] ?? []).map((resource) => ({ accountId: account, resource })));
}

/** "<account>/<id>", each part URL-unescaped as the provider does. */
function splitImportId(id: string): { accountId: string; resourceId: string } | undefined {
  const parts = id.split('/');
  if (parts.length !== 2) return undefined;
  try {
    const [accountId, resourceId] = parts.map((p) => decodeURIComponent(p));
    return accountId && resourceId ? { accountId, resourceId } : undefined;
  } catch {
    return undefined;
  }
}

type Match = { readonly candidate: Candidate; readonly matchedBy: 'import' | 'attributes' } | { readonly reason: string };

function matchByImport(block: WorkspaceResource, imports: readonly WorkspaceImport[], live: LiveResources): Match | undefined {
  const target = imports.find((i) => i.address === `${block.resourceType}.${block.name}`);
  if (!target) return undefined;
  const parsed = target.id === undefined ? undefined : splitImportId(target.id);
  if (!parsed) return undefined;
  const found = liveOf(live, block.familyId, parsed.accountId).find((c) => c.resource.id === parsed.resourceId);
  return found ? { candidate: found, matchedBy: 'import' } : { reason: `the import block's id ${target.id} names no live resource` };
}

function matchByAttributes(block: WorkspaceResource, spec: TerraformResourceSpec, live: LiveResources): Match {
  const stated = spec.matchAttributes.flatMap((attribute) => {
    const read = readValue(block.body[attribute]);
    return read.kind === 'literal' && read.value !== null ? [{ attribute, value: read.value }] : [];
  });
  if (stated.length === 0) return { reason: `no import block, and the block sets no literal ${spec.matchAttributes.join(' or ')}` };
  const account = readValue(block.body.account_id);
  const accountId = account.kind === 'literal' && typeof account.value === 'string' ? account.value : undefined;
  const matches = liveOf(live, block.familyId, accountId).filter((c) => {
    const attributes = spec.attributes(c.resource, c.accountId);
    return stated.every(({ attribute, value }) => attributes[attribute] === value);
  });
  const described = stated.map(({ attribute, value }) => `${attribute} = ${JSON.stringify(value)}`).join(', ');
  const only = matches.length === 1 ? matches[0] : undefined;
  if (only) return { candidate: only, matchedBy: 'attributes' };
  return { reason: matches.length === 0 ? `no live resource has ${described}` : `${matches.length} live resources have ${described}` };
}

function driftOf(block: WorkspaceResource, imports: readonly WorkspaceImport[], live: LiveResources): ResourceDrift {
  const spec = terraformSpecs[block.familyId];
  const where = { file: block.file, line: block.line, familyId: block.familyId, address: `${block.resourceType}.${block.name}` };
  const match = matchByImport(block, imports, live) ?? matchByAttributes(block, spec, live);
  if ('reason' in match) {
    const unread = compareBlock(block.body, {}, spec.objectAttributes, []);
    return { ...where, status: 'missingLive', changes: [], expressions: [], v4Blocks: unread.v4Blocks, reason: match.reason };
  }
  const { accountId, resource } = match.candidate;
  const comparison = compareBlock(block.body, spec.attributes(resource, accountId), spec.objectAttributes, spec.neverReturned);
  return {
    ...where,
    status: comparison.changes.length > 0 ? 'changed' : 'equal',
    live: { accountId, id: resource.id, matchedBy: match.matchedBy },
    changes: comparison.changes,
    expressions: comparison.expressions,
    v4Blocks: comparison.v4Blocks,
  };
}

/** Compares every resource block of the families' types in `files` with the live resources. */
export function findDrift(files: readonly ParsedTerraformFile[], live: LiveResources): ResourceDrift[] {
  const imports = files.flatMap(importsOf);
  return files.flatMap(resourcesOf).map((block) => driftOf(block, imports, live));
}

/** The key `driftByLiveResource` uses: account, family and id. */
export function liveResourceKey(accountId: string, familyId: FamilyId, id: string): string {
  return `${accountId}/${familyId}/${id}`;
}

/** The drift of each live resource that a block was matched with, for marking tree rows and naming file:line. */
export function driftByLiveResource(drift: readonly ResourceDrift[]): Map<string, ResourceDrift> {
  const byResource = new Map<string, ResourceDrift>();
  for (const entry of drift) {
    if (entry.live && !byResource.has(liveResourceKey(entry.live.accountId, entry.familyId, entry.live.id))) {
      byResource.set(liveResourceKey(entry.live.accountId, entry.familyId, entry.live.id), entry);
    }
  }
  return byResource;
}
