import type { ResourceBase } from '../families/family';
import { familyById, type FamilyId } from '../families/registry';
import { terraformSpecs } from '../families/terraform';
import { VariableReference, writeHcl, type HclBody, type HclResource, type HclValue, type HclVariable } from './hclWriter';
import { uniqueResourceNames } from './resourceNames';

// "Export to Terraform…" and "Copy as Terraform": live resources in, HCL out. One function serves a single resource,
// a family and a whole account (or several): the caller passes what to export. The text holds no secret and no
// placeholder for one: what Cloudflare never returns is a `var.…` reference to a variable the user sets.

export interface ExportItem {
  readonly accountId: string;
  readonly familyId: FamilyId;
  readonly resource: ResourceBase;
}

export interface ExportOptions {
  /**
   * Write the `terraform { required_providers { … } }` block (default true). Leave it out for text pasted into a
   * workspace that already declares the provider: Terraform refuses two declarations of it.
   */
  readonly requiredProviders?: boolean;
}

interface Prepared {
  readonly item: ExportItem;
  readonly resourceType: string;
  readonly displayName: string;
}

/** One resource of one account; the id comes first, so a name's tie-breaking suffix starts with the resource's id. */
const keyOf = (item: ExportItem): string => `${item.resource.id}/${item.accountId}`;

/** `body` with `value` at the dotted path, creating objects on the way (a copy; `body` is not changed). */
function withValueAt(body: HclBody, path: readonly string[], value: HclValue): HclBody {
  const [head, ...rest] = path;
  if (head === undefined) return body;
  if (rest.length === 0) return { ...body, [head]: value };
  const current = body[head];
  const inner = typeof current === 'object' && current !== null && !Array.isArray(current) && !(current instanceof VariableReference) ? (current as HclBody) : {};
  return { ...body, [head]: withValueAt(inner, rest, value) };
}

/** A variable name from the resource's name and the attribute's: `corp_crowdstrike_client_secret`, unique in `taken`. */
function variableName(resourceName: string, path: string, taken: Set<string>): string {
  const segments = path.split('.').map((s) => s.replace(/[^A-Za-z0-9_]+/g, '_'));
  const short = `${resourceName}_${segments.at(-1) ?? 'value'}`;
  let name = taken.has(short) ? `${resourceName}_${segments.join('_')}` : short;
  for (let n = 2; taken.has(name); n++) name = `${short}_${n}`;
  taken.add(name);
  return name;
}

/** Terraform names per resource type (names need only be unique within a type), keyed by account and id. */
function namesOf(prepared: readonly Prepared[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const resourceType of new Set(prepared.map((p) => p.resourceType))) {
    const ofType = prepared.filter((p) => p.resourceType === resourceType);
    const byKey = uniqueResourceNames(ofType.map((p) => ({ id: keyOf(p.item), displayName: p.displayName })));
    for (const [key, name] of byKey) names.set(key, name);
  }
  return names;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The HCL for `items`, in a stable order (by resource type, then name), whatever order they come in. */
export function exportTerraform(items: readonly ExportItem[], options: ExportOptions = {}): string {
  const unique = new Map(items.map((item) => [keyOf(item), item]));
  const prepared: Prepared[] = [...unique.values()].map((item) => ({
    item,
    resourceType: terraformSpecs[item.familyId].resourceType,
    displayName: familyById(item.familyId).displayName(item.resource),
  }));
  const names = namesOf(prepared);
  const nameOf = (p: Prepared): string => names.get(keyOf(p.item)) ?? '';
  prepared.sort((a, b) => a.resourceType.localeCompare(b.resourceType, 'en') || nameOf(a).localeCompare(nameOf(b), 'en'));

  const variables: HclVariable[] = [];
  const takenVariables = new Set<string>();
  const resources: HclResource[] = prepared.map((p) => {
    const { accountId, familyId, resource } = p.item;
    const spec = terraformSpecs[familyId];
    const name = nameOf(p);
    let body: HclBody = spec.attributes(resource, accountId);
    for (const input of spec.inputs(resource)) {
      const variable = variableName(name, input.path, takenVariables);
      variables.push({ name: variable, description: `For "${p.displayName}": ${input.description}`, sensitive: input.sensitive });
      body = withValueAt(body, input.path.split('.'), new VariableReference(variable));
    }
    const comment = `${capitalized(familyById(familyId).singular)}: ${p.displayName} (account ${accountId})`;
    return { comment, type: p.resourceType, name, body, importId: spec.importId(resource, accountId) };
  });

  const header = [
    `Exported from Cloudflare: ${resources.length} resource${resources.length === 1 ? '' : 's'}, for the cloudflare/cloudflare provider v5.`,
    'The import blocks need Terraform 1.5 or later; "terraform plan" shows what importing would change.',
  ];
  return writeHcl({ header, requiredProviders: options.requiredProviders ?? true, variables, resources });
}
