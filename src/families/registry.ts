import { devicePostureIntegrations } from './devicePostureIntegrations';
import { devicePostureRules } from './devicePostureRules';
import { dlpIntegrationEntries } from './dlpIntegrationEntries';
import type { FamilyDescriptor } from './family';
import { riskScoringIntegrations } from './riskScoringIntegrations';

/** Every family, in sidebar order. A new family is one file exporting a descriptor, plus one line here. */
const registered = [
  dlpIntegrationEntries,
  riskScoringIntegrations,
  devicePostureIntegrations,
  devicePostureRules,
] as const;

export const allFamilies: readonly FamilyDescriptor[] = registered;

/** A registered family by its id (a document URI, a tree node); an unknown id is a programming error. */
export function familyById(id: string): FamilyDescriptor {
  const family = allFamilies.find((f) => f.id === id);
  if (!family) throw new Error(`No family "${id}" is registered.`);
  return family;
}

/** The id of a registered family: comes from the registry, so a new family needs no edit elsewhere. */
export type FamilyId = (typeof registered)[number]['id'];

/** Narrows an id read from a tree node or a document URI to a registered family's. */
export function isFamilyId(id: string): id is FamilyId {
  return allFamilies.some((f) => f.id === id);
}
