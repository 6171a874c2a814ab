// Every registered family has a Terraform spec, and the HCL parser loads only when something is parsed (never when
// the Terraform code is imported or an export is written). Its own file: node:test runs each file in a new process,
// so nothing else has loaded the parser yet.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allFamilies } from '../../src/families/registry';
import { familyOfResourceType, terraformSpecs } from '../../src/families/terraform';
import { exportTerraform } from '../../src/terraform';
import { parseHcl } from '../../src/terraform/hclParser';
import { ACCOUNT, POSTURE } from './terraform.live';

const parserLoaded = (): boolean => Object.keys(require.cache).some((path) => path.split('\\').join('/').includes('/@cdktf/hcl2json/'));

describe('Terraform specs', () => {
  test('one per registered family, each with its own resource type', () => {
    assert.deepEqual(Object.keys(terraformSpecs).sort(), allFamilies.map((f) => f.id).sort());
    const types = allFamilies.map((f) => terraformSpecs[f.id as keyof typeof terraformSpecs].resourceType);
    assert.equal(new Set(types).size, types.length);
    for (const family of allFamilies) {
      assert.equal(familyOfResourceType(terraformSpecs[family.id as keyof typeof terraformSpecs].resourceType), family.id);
    }
    assert.equal(familyOfResourceType('cloudflare_zero_trust_list'), undefined);
  });
});

describe('the HCL parser loads lazily', () => {
  test('not when exporting; on the first parse', async () => {
    exportTerraform([{ accountId: ACCOUNT, familyId: 'devicePostureIntegrations', resource: POSTURE.kolide! }]);
    assert.equal(parserLoaded(), false, 'hcl2json is not loaded by an export');
    await parseHcl('a.tf', 'x = 1\n');
    assert.equal(parserLoaded(), true, 'hcl2json is loaded by a parse');
  });

  test('a syntax error rejects with the file, line and column', async () => {
    await assert.rejects(parseHcl('bad.tf', 'resource "a" "b" {\n  x =\n}\n'), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'HclParseError');
      assert.match(error.message, /bad\.tf:2,/);
      return true;
    });
  });
});
