// Resource names from display names (valid, unique, stable under reordering), and hostile display names through
// the whole export: read back by hcl2json, the name is exactly the live one and nothing escapes its string or its
// comment. Expected names are written by hand.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PostureIntegration } from '../../src/families/devicePostureSchemas';
import { exportTerraform } from '../../src/terraform';
import { readValue } from '../../src/terraform/hclLiterals';
import { parseHcl } from '../../src/terraform/hclParser';
import { nameBase, uniqueResourceNames, type NamedResource } from '../../src/terraform/resourceNames';
import { ACCOUNT } from './terraform.live';

const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

describe('Terraform resource names', () => {
  test('read like the display name: lower case, accents dropped, one underscore for any run of other characters', () => {
    const cases: [string, string][] = [
      ['Corp CrowdStrike (EU)', 'corp_crowdstrike_eu'],
      ['Ünïcödé Ñame', 'unicode_name'],
      ['acme.okta.com', 'acme_okta_com'],
      ['  --Leading and trailing--  ', 'leading_and_trailing'],
      ['1Password', '_1password'],
      ['東京 🚀', 'unnamed'],
      ['', 'unnamed'],
      ['"; ${var.evil} */ \n resource "x" "y" {}', 'var_evil_resource_x_y'],
      ['ＦＵＬＬＷＩＤＴＨ', 'fullwidth'],
      ['a'.repeat(300), 'a'.repeat(64)],
      [`${'b'.repeat(63)} tail`, 'b'.repeat(63)],
    ];
    for (const [display, expected] of cases) assert.equal(nameBase(display), expected, JSON.stringify(display));
  });

  test('clashing names get the first eight characters of the id; unique ones stay as they are', () => {
    const names = uniqueResourceNames([
      { id: 'b2c3d4e5-0000-4000-8000-000000000002', displayName: 'acme.okta.com' },
      { id: 'a1b2c3d4-0000-4000-8000-000000000001', displayName: 'acme.okta.com' },
      { id: 'c3d4e5f6-0000-4000-8000-000000000003', displayName: 'Staging' },
    ]);
    assert.deepEqual(Object.fromEntries(names), {
      'a1b2c3d4-0000-4000-8000-000000000001': 'acme_okta_com_a1b2c3d4',
      'b2c3d4e5-0000-4000-8000-000000000002': 'acme_okta_com_b2c3d4e5',
      'c3d4e5f6-0000-4000-8000-000000000003': 'staging',
    });
  });

  test('ids that share their first eight characters: the whole id', () => {
    const names = uniqueResourceNames([
      { id: 'abcdef01-1111', displayName: 'Same' },
      { id: 'abcdef01-2222', displayName: 'Same' },
    ]);
    assert.deepEqual(Object.fromEntries(names), { 'abcdef01-1111': 'same_abcdef011111', 'abcdef01-2222': 'same_abcdef012222' });
  });

  test('a suffixed name never takes a name that is some other resource\'s own', () => {
    const names = uniqueResourceNames([
      { id: '11111111-aaaa', displayName: 'x' },
      { id: '11111111-bbbb', displayName: 'X 11111111' },
      { id: '22222222-cccc', displayName: 'x' },
    ]);
    assert.deepEqual(Object.fromEntries(names), {
      '11111111-bbbb': 'x_11111111',
      '11111111-aaaa': 'x_11111111aaaa',
      '22222222-cccc': 'x_22222222',
    });
  });

  test('valid, unique and the same in every order', () => {
    const resources: NamedResource[] = [
      'Okta', 'okta', 'OKTA!', 'Corp', 'corp', '1st', '', '東京', '"quoted"', '${x}', 'a\nb', 'a b', 'a_b', 'a-b',
    ].map((displayName, i) => ({ id: `${(i * 7919).toString(16).padStart(8, '0')}-4000-8000-${i}`, displayName }));
    const reference = uniqueResourceNames(resources);
    const values = [...reference.values()];
    assert.equal(new Set(values).size, resources.length);
    for (const name of values) assert.match(name, TERRAFORM_NAME);
    // Rotations and reversals: every resource appears first and last at least once.
    for (let shift = 0; shift < resources.length; shift++) {
      const rotated = [...resources.slice(shift), ...resources.slice(0, shift)];
      assert.deepEqual(uniqueResourceNames(rotated), reference);
      assert.deepEqual(uniqueResourceNames(rotated.reverse()), reference);
    }
  });
});

/** Each name, and how hcl2json returns it when it is a literal (Terraform's JSON syntax escapes "${" and "%{" again). */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['a "quoted" name', 'a "quoted" name'],
  ['back\\slash \\" and \\\\', 'back\\slash \\" and \\\\'],
  ['${var.cloudflare_api_token}', '$${var.cloudflare_api_token}'],
  ['pre $${escaped} post $$${both}', 'pre $$${escaped} post $$$${both}'],
  ['%{ if true }directive%{ endif }', '%%{ if true }directive%%{ endif }'],
  ['%%{ already } %', '%%%{ already } %'],
  ['ends with $', 'ends with $'],
  ['ends with %', 'ends with %'],
  ['*/ closes a block comment /*', '*/ closes a block comment /*'],
  ['# hash and // slashes', '# hash and // slashes'],
  ['line one\nresource "evil" "x" {}\r\n# and more', 'line one\nresource "evil" "x" {}\r\n# and more'],
  ['tab\there', 'tab\there'],
  ['Zürich — Ünïcödé 東京 🚀', 'Zürich — Ünïcödé 東京 🚀'],
  ['right-to-left \u202e override \u2066isolate\u2069', 'right-to-left \u202e override \u2066isolate\u2069'],
  ['line\u2028separator\u2029paragraph', 'line\u2028separator\u2029paragraph'],
  ['control \u0001\u001f\u007f\u0085 chars', 'control \u0001\u001f\u007f\u0085 chars'],
  ['x'.repeat(300), 'x'.repeat(300)],
];
const HOSTILE_NAMES = HOSTILE.map(([name]) => name);
const AS_HCL2JSON_RETURNS_THEM = HOSTILE.map(([, returned]) => returned);

const byName = (a: unknown, b: unknown): number => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('Terraform export: hostile names', () => {
  const integrations: PostureIntegration[] = HOSTILE_NAMES.map((name, i) => ({
    id: `9${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`, name, type: 'kolide', interval: '1h', config: { client_id: name },
  }));

  test('every name reads back exactly, in the name and in a nested value; nothing else appears', async () => {
    const text = exportTerraform(integrations.map((resource) => ({ accountId: ACCOUNT, familyId: 'devicePostureIntegrations', resource })));
    const parsed = await parseHcl('hostile.tf', text);
    const blocks = (parsed.resource as Record<string, Record<string, { name: string; config: { client_id: string } }[]>>);
    assert.deepEqual(Object.keys(parsed).sort(), ['import', 'resource', 'terraform', 'variable']);
    assert.deepEqual(Object.keys(blocks), ['cloudflare_zero_trust_device_posture_integration']);
    const bodies = Object.values(blocks.cloudflare_zero_trust_device_posture_integration ?? {}).map((list) => {
      assert.equal(list.length, 1);
      return list[0];
    });
    assert.deepEqual(bodies.map((b) => b?.name).sort(), [...AS_HCL2JSON_RETURNS_THEM].sort());
    assert.deepEqual(bodies.map((b) => b?.config.client_id).sort(), [...AS_HCL2JSON_RETURNS_THEM].sort());
    // And the drift check reads each one back as the literal it is, never as an expression.
    assert.deepEqual(bodies.map((b) => readValue(b?.name)).sort(byName), HOSTILE_NAMES.map((value) => ({ kind: 'literal', value })).sort(byName));
  });

  test('comments stay on one line and start with #; every other line belongs to a block', () => {
    const text = exportTerraform(integrations.map((resource) => ({ accountId: ACCOUNT, familyId: 'devicePostureIntegrations', resource })));
    const lines = text.split('\n');
    for (const line of lines) {
      assert.doesNotMatch(line, /[\u2028\u2029\u202e\u2066\u2069\u0001\u007f\u0085\r]/, `no raw separator or control in ${JSON.stringify(line)}`);
      const top = !line.startsWith(' ') && line !== '' && line !== '}';
      if (top) assert.match(line, /^(# |terraform \{|variable "|resource "|import \{)/, JSON.stringify(line));
    }
    const comment = lines.find((l) => l.startsWith('# Device posture integration: line one'));
    assert.equal(comment, `# Device posture integration: line one resource "evil" "x" {}  # and more (account ${ACCOUNT})`);
    const long = lines.find((l) => l.startsWith('# Device posture integration: xxx'));
    // 160 characters of comment text: the 28 of "Device posture integration: " and 132 of the name.
    assert.equal(long, `# Device posture integration: ${'x'.repeat(132)}…`);
  });

  test('variable names made from hostile names are identifiers an environment variable can hold', async () => {
    const text = exportTerraform(integrations.map((resource) => ({ accountId: ACCOUNT, familyId: 'devicePostureIntegrations', resource })));
    const parsed = await parseHcl('hostile.tf', text);
    const names = Object.keys(parsed.variable as Record<string, unknown>);
    assert.equal(names.length, HOSTILE_NAMES.length);
    for (const name of names) assert.match(name, /^[A-Za-z_][A-Za-z0-9_]*$/);
  });
});
