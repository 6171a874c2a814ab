import type { FamilyDescriptor, ResourceBase } from '../families/family';
import { toEditView } from './editModel';

/** Pretty JSON, two-space indent, newline at the end: what every cfzt: document holds. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function renderResource(family: FamilyDescriptor, resource: ResourceBase): string {
  return renderJson(toEditView(family, resource));
}
