import type { DevicePostureRule } from '../devicePostureRules';
import { asTerraformValue, accountScopedImportId, setValues, type TerraformAttributes, type TerraformResourceSpec, type TerraformValue } from './spec';

// cloudflare_zero_trust_device_posture_rule. The provider facts copied into the test fixtures cover the three
// integration resources only, so these attributes are derived from the family's zod resource schema
// (devicePostureRuleSchema in ../devicePostureRules.ts): name, type, description, schedule, expiration, match and
// input are written; `id` and `enabled` are set by Cloudflare and left out. `input` is one nested object whose keys
// depend on the rule type, and `match` a list of `{ platform }` objects.
//
// Not derived from the zod schema: a few input fields are camelCase in the API but snake_case in the provider
// (its model.go maps `require_all` to the JSON field `requireAll`, and so on; read in the provider's source, not in
// the fixture). They are renamed here so the HCL names what the provider accepts.

const PROVIDER_NAME_OF_INPUT_FIELD: Readonly<Record<string, string>> = {
  checkDisks: 'check_disks',
  requireAll: 'require_all',
  versionOperator: 'version_operator',
  countOperator: 'count_operator',
  scoreOperator: 'score_operator',
};

function providerInput(input: Readonly<Record<string, unknown>>): Record<string, TerraformValue> {
  const renamed: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) renamed[PROVIDER_NAME_OF_INPUT_FIELD[field] ?? field] = value;
  return setValues(renamed);
}

function ruleAttributes(rule: DevicePostureRule, accountId: string): TerraformAttributes {
  const { name, type, description, schedule, expiration } = rule;
  const match = asTerraformValue(rule.match);
  return {
    account_id: accountId,
    ...setValues({ name, type, description, schedule, expiration }),
    ...(match !== undefined ? { match } : {}),
    ...(rule.input ? { input: providerInput(rule.input) } : {}),
  };
}

export const devicePostureRuleTerraform: TerraformResourceSpec<DevicePostureRule> = {
  resourceType: 'cloudflare_zero_trust_device_posture_rule',
  attributes: ruleAttributes,
  inputs: () => [],
  neverReturned: [],
  importId: accountScopedImportId,
  objectAttributes: ['input'],
  matchAttributes: ['name'],
};
