import { devicePostureIntegrations } from './devicePostureIntegrations';
import { dlpIntegrationEntries } from './dlpIntegrationEntries';
import type { FamilyDescriptor } from './family';
import { riskScoringIntegrations } from './riskScoringIntegrations';

/** Every family, in sidebar order. A new family is one file exporting a descriptor, plus one line here. */
export const allFamilies: readonly FamilyDescriptor[] = [
  dlpIntegrationEntries,
  riskScoringIntegrations,
  devicePostureIntegrations,
];
