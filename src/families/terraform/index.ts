import type { FamilyId } from '../registry';
import { devicePostureIntegrationTerraform } from './devicePostureIntegrations';
import { devicePostureRuleTerraform } from './devicePostureRules';
import { dlpIntegrationEntryTerraform } from './dlpIntegrationEntries';
import { riskScoringIntegrationTerraform } from './riskScoringIntegrations';
import type { TerraformResourceSpec } from './spec';

export type { TerraformAttributes, TerraformInput, TerraformResourceSpec, TerraformValue } from './spec';

/**
 * Every family's Terraform resource, keyed by the registry's ids: a family registered without an entry here is a
 * type error, so the export and the drift check cover each family.
 */
export const terraformSpecs: Readonly<Record<FamilyId, TerraformResourceSpec>> = {
  dlpIntegrationEntries: dlpIntegrationEntryTerraform,
  riskScoringIntegrations: riskScoringIntegrationTerraform,
  devicePostureIntegrations: devicePostureIntegrationTerraform,
  devicePostureRules: devicePostureRuleTerraform,
};

/** The family whose resources have this Terraform type, or undefined for a type no family writes. */
export function familyOfResourceType(resourceType: string): FamilyId | undefined {
  return (Object.keys(terraformSpecs) as FamilyId[]).find((id) => terraformSpecs[id].resourceType === resourceType);
}
