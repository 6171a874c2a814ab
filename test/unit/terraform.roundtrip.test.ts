// The export, read back by the same parser the drift check uses (hcl2json): every attribute equals the live value
// (secrets are variable references instead), and every attribute written exists in the provider's schema with a
// matching type, every required one written. The expected values below are written by hand.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import type { FamilyId } from '../../src/families/registry';
import { exportTerraform, type ExportItem } from '../../src/terraform';
import { parseHcl, type HclJson } from '../../src/terraform/hclParser';
import { ACCOUNT, DLP, POSTURE, RISK, RULES } from './terraform.live';

const FIXTURE = resolve(__dirname, '../../../test/fixtures/terraform/cloudflare-v5-resources.json');
const POSTURE_TYPE = 'cloudflare_zero_trust_device_posture_integration';
const RISK_TYPE = 'cloudflare_zero_trust_risk_scoring_integration';
const DLP_TYPE = 'cloudflare_zero_trust_dlp_integration_entry';
const RULE_TYPE = 'cloudflare_zero_trust_device_posture_rule';

interface SchemaAttribute {
  readonly type: string;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
}
type Schema = Readonly<Record<string, SchemaAttribute>>;

const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { resources: Record<string, { attributes: Schema }> };

const opt = (type: string): SchemaAttribute => ({ type, optional: true });
/**
 * cloudflare_zero_trust_device_posture_rule is not in the fixture. Its attributes as the provider declares them,
 * read in the provider's internal/services/zero_trust_device_posture_rule/model.go (tfsdk names and optional /
 * required tags), written out by hand for this test.
 */
const RULE_SCHEMA: Schema = {
  id: { type: 'string', computed: true },
  account_id: { type: 'string', required: true },
  name: opt('string'),
  type: { type: 'string', required: true },
  description: opt('string'),
  expiration: opt('string'),
  schedule: opt('string'),
  match: { type: 'list(object)', optional: true, attributes: { platform: opt('string') } },
  input: {
    type: 'object', optional: true,
    attributes: {
      operating_system: opt('string'), path: opt('string'), exists: opt('bool'), sha256: opt('string'), thumbprint: opt('string'),
      id: opt('string'), domain: opt('string'), operator: opt('string'), version: opt('string'), os_distro_name: opt('string'),
      os_distro_revision: opt('string'), os_version_extra: opt('string'), enabled: opt('bool'), check_disks: opt('list(string)'),
      require_all: opt('bool'), certificate_id: opt('string'), cn: opt('string'), check_private_key: opt('bool'),
      extended_key_usage: opt('list(string)'), subject_alternative_names: opt('list(string)'), update_window_days: opt('number'),
      compliance_status: opt('string'), connection_id: opt('string'), last_seen: opt('string'), os: opt('string'), overall: opt('string'),
      sensor_config: opt('string'), state: opt('string'), version_operator: opt('string'), count_operator: opt('string'),
      issue_count: opt('string'), eid_last_seen: opt('string'), risk_level: opt('string'), score_operator: opt('string'),
      total_score: opt('number'), active_threats: opt('number'), infected: opt('bool'), is_active: opt('bool'),
      network_status: opt('string'), operational_state: opt('string'), score: opt('number'),
      locations: { type: 'object', optional: true, attributes: { paths: opt('list(string)'), trust_stores: opt('list(string)') } },
    },
  },
};

function schemaOf(resourceType: string): Schema {
  if (resourceType === RULE_TYPE) return RULE_SCHEMA;
  const resource = fixture.resources[resourceType];
  assert.ok(resource, `${resourceType} is in the fixture`);
  return resource.attributes;
}

/** A variable reference as hcl2json returns it. */
const ref = (name: string): string => `\${var.${name}}`;

/** Checks one written value against the schema type; a variable reference stands for a string. */
function checkType(path: string, value: unknown, attribute: SchemaAttribute): void {
  const type = attribute.type;
  if (type.startsWith('string')) assert.equal(typeof value, 'string', `${path} is a string`);
  else if (type === 'bool') assert.equal(typeof value, 'boolean', `${path} is a bool`);
  else if (type === 'number') assert.equal(typeof value, 'number', `${path} is a number`);
  else if (type === 'list(string)') assert.ok(Array.isArray(value) && value.every((v) => typeof v === 'string'), `${path} is a list of strings`);
  else if (type === 'object') checkAgainstSchema(path, value, attribute.attributes ?? {});
  else if (type === 'list(object)') {
    assert.ok(Array.isArray(value), `${path} is a list`);
    (value as unknown[]).forEach((item, i) => checkAgainstSchema(`${path}[${i}]`, item, attribute.attributes ?? {}));
  } else assert.fail(`${path}: no check for schema type ${type}`);
}

/** Every attribute written exists in the schema, is writable and has its type; every required one is there. */
function checkAgainstSchema(path: string, body: unknown, schema: Schema): void {
  assert.ok(typeof body === 'object' && body !== null && !Array.isArray(body), `${path || 'the block'} is an object, not a v4 block`);
  const record = body as Record<string, unknown>;
  for (const [name, value] of Object.entries(record)) {
    const attribute = schema[name];
    assert.ok(attribute, `${path}${name} is an attribute of the provider's schema`);
    assert.ok(attribute.required || attribute.optional, `${path}${name} is not computed-only`);
    checkType(`${path}${name}`, value, attribute);
  }
  for (const [name, attribute] of Object.entries(schema)) {
    if (attribute.required) assert.ok(name in record, `required ${path}${name} is written`);
  }
}

interface Expected {
  readonly familyId: FamilyId;
  readonly resourceType: string;
  readonly id: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The resource name, where it does not depend on another family's display rules. */
  readonly name?: string;
  /** Variables the resource needs: name → sensitive. */
  readonly variables?: Readonly<Record<string, boolean>>;
}

const EXPECTED: readonly Expected[] = [
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.workspace_one!.id, name: 'corp_workspace_one',
    attributes: {
      account_id: ACCOUNT, name: 'Corp Workspace ONE', type: 'workspace_one', interval: '10m',
      config: {
        api_url: 'https://as1288.awmdm.com/API', auth_url: 'https://na.uemauth.workspaceone.com/connect/token',
        client_id: '4f1c0a9be2d34e6f8a7b6c5d4e3f2a1b', client_secret: ref('corp_workspace_one_client_secret'),
      },
    },
    variables: { corp_workspace_one_client_secret: true },
  },
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.crowdstrike_s2s!.id, name: 'corp_crowdstrike',
    attributes: {
      account_id: ACCOUNT, name: 'Corp CrowdStrike', type: 'crowdstrike_s2s', interval: '1h',
      config: {
        api_url: 'https://api.us-2.crowdstrike.com', client_id: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
        client_secret: ref('corp_crowdstrike_client_secret'), customer_id: ref('corp_crowdstrike_customer_id'),
      },
    },
    variables: { corp_crowdstrike_client_secret: true, corp_crowdstrike_customer_id: false },
  },
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.uptycs!.id, name: 'uptycs_acme',
    attributes: {
      account_id: ACCOUNT, name: 'Uptycs (Acme)', type: 'uptycs', interval: '6h',
      config: {
        api_url: 'acme.uptycs.io', customer_id: '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b',
        client_key: ref('uptycs_acme_client_key'), client_secret: ref('uptycs_acme_client_secret'),
      },
    },
    variables: { uptycs_acme_client_key: true, uptycs_acme_client_secret: true },
  },
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.intune!.id, name: 'intune',
    attributes: {
      account_id: ACCOUNT, name: 'Intune', type: 'intune', interval: '24h',
      config: { client_id: '7d6c5b4a-3f2e-4d1c-9b0a-8f7e6d5c4b3a', customer_id: '0f1e2d3c-4b5a-4968-8776-655443322110', client_secret: ref('intune_client_secret') },
    },
    variables: { intune_client_secret: true },
  },
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.kolide!.id, name: 'kolide',
    attributes: { account_id: ACCOUNT, name: 'Kolide', type: 'kolide', interval: '15m', config: { client_id: 'k2_3f4e5d6c7b8a9f0e1d2c3b4a', client_secret: ref('kolide_client_secret') } },
    variables: { kolide_client_secret: true },
  },
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.tanium_s2s!.id, name: 'tanium',
    attributes: {
      account_id: ACCOUNT, name: 'Tanium', type: 'tanium_s2s', interval: '30m',
      config: {
        api_url: 'https://acme-api.cloud.tanium.com/plugin/products/gateway/graphql', access_client_id: '88bf3b6d86161464f6509f7219099e57.access',
        client_secret: ref('tanium_client_secret'), access_client_secret: ref('tanium_access_client_secret'),
      },
    },
    variables: { tanium_client_secret: true, tanium_access_client_secret: true },
  },
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.sentinelone_s2s!.id, name: 'sentinelone',
    attributes: { account_id: ACCOUNT, name: 'SentinelOne', type: 'sentinelone_s2s', interval: '5m', config: { api_url: 'https://acme.sentinelone.net', client_secret: ref('sentinelone_client_secret') } },
    variables: { sentinelone_client_secret: true },
  },
  {
    familyId: 'devicePostureIntegrations', resourceType: POSTURE_TYPE, id: POSTURE.custom_s2s!.id, name: 'custom_posture_service',
    attributes: {
      account_id: ACCOUNT, name: 'Custom posture service', type: 'custom_s2s', interval: '12h',
      config: {
        api_url: 'https://posture.acme.example.com/api/v1/devices',
        access_client_id: ref('custom_posture_service_access_client_id'), access_client_secret: ref('custom_posture_service_access_client_secret'),
      },
    },
    variables: { custom_posture_service_access_client_secret: true, custom_posture_service_access_client_id: false },
  },
  {
    familyId: 'riskScoringIntegrations', resourceType: RISK_TYPE, id: RISK.active!.id,
    attributes: { account_id: ACCOUNT, integration_type: 'Okta', tenant_url: 'https://acme.okta.com', active: true, reference_id: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f5' },
  },
  {
    familyId: 'riskScoringIntegrations', resourceType: RISK_TYPE, id: RISK.inactiveWithoutReference!.id,
    attributes: { account_id: ACCOUNT, integration_type: 'Okta', tenant_url: 'https://acme-staging.oktapreview.com', active: false },
  },
  {
    familyId: 'dlpIntegrationEntries', resourceType: DLP_TYPE, id: DLP.inProfile!.id, name: 'confidential_finance',
    attributes: { account_id: ACCOUNT, entry_id: 'bd9e0f1a-2b3c-4d4e-9f6a-7b8c9d0e1f12', enabled: true, profile_id: 'ce0f1a2b-3c4d-4e5f-8a7b-8c9d0e1f2a13' },
  },
  {
    familyId: 'dlpIntegrationEntries', resourceType: DLP_TYPE, id: DLP.withoutProfile!.id, name: 'highly_confidential',
    attributes: { account_id: ACCOUNT, entry_id: 'df1a2b3c-4d5e-4f6a-9b8c-9d0e1f2a3b14', enabled: false },
  },
  {
    familyId: 'devicePostureRules', resourceType: RULE_TYPE, id: RULES.crowdstrike!.id, name: 'corp_laptops_crowdstrike_zta_60',
    attributes: {
      account_id: ACCOUNT, name: 'Corp laptops — CrowdStrike ZTA ≥ 60', type: 'crowdstrike_s2s',
      description: 'Company laptops need a CrowdStrike Zero Trust Assessment score of at least 60.', schedule: '5m',
      match: [{ platform: 'windows' }, { platform: 'mac' }],
      input: { connection_id: '2a9b8c7d-6e5f-4a3b-8c1d-0e9f8a7b6c02', overall: '60', operator: '>=' },
    },
  },
  {
    familyId: 'devicePostureRules', resourceType: RULE_TYPE, id: RULES.diskEncryption!.id, name: 'disk_encryption_on',
    attributes: {
      account_id: ACCOUNT, name: 'Disk encryption on', type: 'disk_encryption', schedule: '5m', expiration: '1h',
      match: [{ platform: 'windows' }, { platform: 'mac' }], input: { require_all: true, check_disks: [] },
    },
  },
  {
    familyId: 'devicePostureRules', resourceType: RULE_TYPE, id: RULES.tanium!.id, name: 'tanium_risk_score_below_70',
    attributes: {
      account_id: ACCOUNT, name: 'Tanium — risk score below 70', type: 'tanium_s2s', match: [{ platform: 'windows' }],
      input: { connection_id: '6e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a06', total_score: 70, score_operator: '<', risk_level: 'medium', operator: '<=' },
    },
  },
  {
    familyId: 'devicePostureRules', resourceType: RULE_TYPE, id: RULES.warp!.id, name: 'warp_client_connected',
    attributes: { account_id: ACCOUNT, name: 'WARP client connected', type: 'warp', schedule: '5m' },
  },
];

const LIVE: Record<FamilyId, Record<string, { id: string }>> = {
  devicePostureIntegrations: POSTURE, riskScoringIntegrations: RISK, dlpIntegrationEntries: DLP, devicePostureRules: RULES,
};

function itemsOf(expected: readonly Expected[]): ExportItem[] {
  return expected.map((e) => {
    const resource = Object.values(LIVE[e.familyId]).find((r) => r.id === e.id);
    assert.ok(resource);
    return { accountId: ACCOUNT, familyId: e.familyId, resource };
  });
}

/** `TYPE.NAME` → import id, from the parsed import blocks. */
function importsOf(parsed: HclJson): Map<string, string> {
  const blocks = parsed.import as { to: string; id: string }[];
  return new Map(blocks.map((b) => [/^\$\{(.+)\}$/.exec(b.to)?.[1] ?? '', b.id]));
}

describe('Terraform export: every family and every posture type round-trips through hcl2json', () => {
  let text: string;
  let parsed: HclJson;
  before(async () => {
    text = exportTerraform(itemsOf(EXPECTED));
    parsed = await parseHcl('export.tf', text);
  });

  test('the required_providers block pins cloudflare/cloudflare ~> 5', () => {
    assert.deepEqual(parsed.terraform, [{ required_providers: [{ cloudflare: { source: 'cloudflare/cloudflare', version: '~> 5' } }] }]);
  });

  test('one resource block and one import block per resource, the import id <account>/<id>', () => {
    const resources = parsed.resource as Record<string, Record<string, unknown[]>>;
    const count = Object.values(resources).reduce((n, byName) => n + Object.keys(byName).length, 0);
    assert.equal(count, EXPECTED.length);
    const imports = importsOf(parsed);
    assert.equal(imports.size, EXPECTED.length);
    for (const e of EXPECTED) {
      const address = [...imports].find(([, id]) => id === `${ACCOUNT}/${e.id}`)?.[0];
      assert.ok(address?.startsWith(`${e.resourceType}.`), `an import block for ${e.id} targets a ${e.resourceType}`);
      if (e.name) assert.equal(address, `${e.resourceType}.${e.name}`);
    }
  });

  for (const e of EXPECTED) {
    const label = `${e.resourceType} ${e.name ?? e.id}`;
    test(`${label}: attributes equal the live values, secrets are variable references`, () => {
      const address = [...importsOf(parsed)].find(([, id]) => id === `${ACCOUNT}/${e.id}`)?.[0] ?? '';
      const name = address.slice(e.resourceType.length + 1);
      const resources = parsed.resource as Record<string, Record<string, unknown[]>>;
      assert.deepEqual(resources[e.resourceType]?.[name], [e.attributes]);
    });

    test(`${label}: written attributes exist in the provider schema with their types; required ones are written`, () => {
      checkAgainstSchema('', e.attributes, schemaOf(e.resourceType));
    });
  }

  test('each secret has a sensitive variable; values Cloudflare does not return have a plain one; nothing else', () => {
    const variables = parsed.variable as Record<string, { sensitive: boolean; type: string; description: string }[]>;
    const expected = Object.assign({}, ...EXPECTED.map((e) => e.variables ?? {})) as Record<string, boolean>;
    assert.deepEqual(Object.keys(variables).sort(), Object.keys(expected).sort());
    for (const [name, sensitive] of Object.entries(expected)) {
      const [block] = variables[name] ?? [];
      assert.equal(block?.sensitive, sensitive, `${name} sensitive = ${sensitive}`);
      assert.equal(block?.type, '${string}');
      assert.ok((block?.description ?? '').length > 0);
    }
  });

  test('each variable says where to set it: TF_VAR_<name>, or a .tfvars file that is not committed', () => {
    for (const name of ['corp_crowdstrike_client_secret', 'tanium_access_client_secret']) {
      const comment = text.split('\n').find((line) => line.startsWith('#') && line.includes(`TF_VAR_${name}`));
      assert.ok(comment?.includes('.tfvars file that is not committed'), `the comment above variable ${name}`);
      assert.ok(text.includes(`${comment}\nvariable "${name}" {`), `the comment sits on the variable ${name}`);
    }
  });

  test('the same resources in another order give the same text', () => {
    assert.equal(exportTerraform(itemsOf([...EXPECTED].reverse())), text);
  });

  test('requiredProviders: false leaves the terraform block out (for pasting into a configured workspace)', async () => {
    const pasted = await parseHcl('paste.tf', exportTerraform(itemsOf(EXPECTED.slice(0, 1)), { requiredProviders: false }));
    assert.equal(pasted.terraform, undefined);
    assert.ok(pasted.resource && pasted.import && pasted.variable);
  });
});

describe('Terraform export: the file as people read it', () => {
  test('a single posture integration, in full', () => {
    const text = exportTerraform([{ accountId: ACCOUNT, familyId: 'devicePostureIntegrations', resource: POSTURE.kolide! }]);
    assert.equal(text, [
      '# Exported from Cloudflare: 1 resource, for the cloudflare/cloudflare provider v5.',
      '# The import blocks need Terraform 1.5 or later; "terraform plan" shows what importing would change.',
      '',
      'terraform {',
      '  required_providers {',
      '    cloudflare = {',
      '      source  = "cloudflare/cloudflare"',
      '      version = "~> 5"',
      '    }',
      '  }',
      '}',
      '',
      '# Set it with the environment variable TF_VAR_kolide_client_secret, or in a .tfvars file that is not committed.',
      'variable "kolide_client_secret" {',
      '  description = "For \\"Kolide\\": Kolide client_secret; Cloudflare accepts it on write and never returns it."',
      '  type        = string',
      '  sensitive   = true',
      '}',
      '',
      `# Device posture integration: Kolide (account ${ACCOUNT})`,
      'resource "cloudflare_zero_trust_device_posture_integration" "kolide" {',
      `  account_id = "${ACCOUNT}"`,
      '  name       = "Kolide"',
      '  type       = "kolide"',
      '  interval   = "15m"',
      '  config = {',
      '    client_id     = "k2_3f4e5d6c7b8a9f0e1d2c3b4a"',
      '    client_secret = var.kolide_client_secret',
      '  }',
      '}',
      '',
      'import {',
      '  to = cloudflare_zero_trust_device_posture_integration.kolide',
      `  id = "${ACCOUNT}/5d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f05"`,
      '}',
      '',
    ].join('\n'));
  });

  test('lists of objects are written one item per line', () => {
    const text = exportTerraform([{ accountId: ACCOUNT, familyId: 'devicePostureRules', resource: RULES.diskEncryption! }]);
    assert.ok(text.includes([
      '  match = [',
      '    {',
      '      platform = "windows"',
      '    },',
      '    {',
      '      platform = "mac"',
      '    },',
      '  ]',
      '  input = {',
      '    require_all = true',
      '    check_disks = []',
      '  }',
    ].join('\n')), text);
  });
});
