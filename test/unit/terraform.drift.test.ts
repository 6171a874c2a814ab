// "Compare with Terraform" over hand-written .tf files (test/fixtures/terraform/drift/) and hand-built live
// resources. Every expected status, change, expression and line below is written by hand from those files.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import {
  compareWithTerraform, driftByLiveResource, liveResourceKey, type DriftReport, type LiveResources, type ResourceDrift,
} from '../../src/terraform';
import { ACCOUNT, DLP, OTHER_ACCOUNT, POSTURE, RISK, RULES } from './terraform.live';

const DRIFT = resolve(__dirname, '../../../test/fixtures/terraform/drift');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const LIVE: LiveResources = new Map([
  [ACCOUNT, {
    devicePostureIntegrations: Object.values(POSTURE),
    riskScoringIntegrations: Object.values(RISK),
    dlpIntegrationEntries: Object.values(DLP),
    devicePostureRules: Object.values(RULES),
  }],
  // Another account with an integration of the same name: the import block, not the name, decides.
  [OTHER_ACCOUNT, { devicePostureIntegrations: [{ ...POSTURE.kolide!, id: '5d3e4f5a-0000-4000-8000-00000000000f' }] }],
]);

describe('Compare with Terraform: the drift fixtures', () => {
  let report: DriftReport;
  const at = (address: string): ResourceDrift => {
    const found = report.resources.find((r) => r.address === address);
    assert.ok(found, `${address} is reported`);
    return found;
  };

  before(async () => {
    const files = filesUnder(DRIFT).map((path) => ({ path: relative(DRIFT, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
    report = await compareWithTerraform(files, LIVE);
  });

  test('only the families\' resource types are read, each block once', () => {
    assert.deepEqual(report.resources.map((r) => r.address).sort(), [
      'cloudflare_zero_trust_device_posture_integration.crowdstrike',
      'cloudflare_zero_trust_device_posture_integration.deleted',
      'cloudflare_zero_trust_device_posture_integration.intune',
      'cloudflare_zero_trust_device_posture_integration.kolide',
      'cloudflare_zero_trust_device_posture_integration.legacy_tanium_label',
      'cloudflare_zero_trust_device_posture_integration.sentinelone',
      'cloudflare_zero_trust_device_posture_integration.workspace_one',
      'cloudflare_zero_trust_device_posture_rule.gone',
      'cloudflare_zero_trust_dlp_integration_entry.finance',
      'cloudflare_zero_trust_dlp_integration_entry.label',
      'cloudflare_zero_trust_risk_scoring_integration.okta',
    ]);
  });

  test('a file that does not parse is reported with the parser\'s message; the others are still compared', () => {
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0]?.file, 'broken.tf');
    assert.match(report.errors[0]?.message ?? '', /broken\.tf:2,/);
  });

  test('equal: matched by import block (even with a same-named integration in another account), secrets not compared', () => {
    const kolide = at('cloudflare_zero_trust_device_posture_integration.kolide');
    assert.equal(kolide.status, 'equal');
    assert.deepEqual(kolide.live, { accountId: ACCOUNT, id: POSTURE.kolide!.id, matchedBy: 'import' });
    assert.deepEqual(kolide.changes, []);
    assert.deepEqual(kolide.expressions, []);
    assert.deepEqual([kolide.file, kolide.line], ['equal.tf', 8]);
  });

  test('equal: risk scoring matched by tenant_url and reference_id, a DLP entry by entry_id', () => {
    const okta = at('cloudflare_zero_trust_risk_scoring_integration.okta');
    assert.deepEqual([okta.status, okta.live?.id, okta.live?.matchedBy, okta.line], ['equal', RISK.active!.id, 'attributes', 25]);
    const finance = at('cloudflare_zero_trust_dlp_integration_entry.finance');
    assert.deepEqual([finance.status, finance.live?.id, finance.live?.matchedBy, finance.line], ['equal', DLP.inProfile!.id, 'attributes', 34]);
  });

  test('changed interval; customer_id and client_secret, which Cloudflare never returns, are ignored', () => {
    const crowdstrike = at('cloudflare_zero_trust_device_posture_integration.crowdstrike');
    assert.equal(crowdstrike.status, 'changed');
    assert.deepEqual(crowdstrike.live, { accountId: ACCOUNT, id: POSTURE.crowdstrike_s2s!.id, matchedBy: 'attributes' });
    assert.deepEqual(crowdstrike.changes, [{ path: 'interval', workspace: '24h', live: '1h' }]);
    assert.deepEqual([crowdstrike.file, crowdstrike.line], ['changed-interval.tf', 3]);
  });

  test('changed name: the import block matches what the name no longer does', () => {
    const workspaceOne = at('cloudflare_zero_trust_device_posture_integration.workspace_one');
    assert.equal(workspaceOne.status, 'changed');
    assert.equal(workspaceOne.live?.matchedBy, 'import');
    assert.deepEqual(workspaceOne.changes, [{ path: 'name', workspace: 'Workspace ONE (old name)', live: 'Corp Workspace ONE' }]);
    assert.deepEqual([workspaceOne.file, workspaceOne.line], ['changed-name.tf', 2]);
  });

  test('missing live: an import id that names a deleted integration; a rule whose name no live rule has', () => {
    const deleted = at('cloudflare_zero_trust_device_posture_integration.deleted');
    assert.equal(deleted.status, 'missingLive');
    assert.equal(deleted.live, undefined);
    assert.equal(deleted.reason, `the import block's id ${ACCOUNT}/00000000-dead-4000-8000-000000000000 names no live resource`);
    assert.deepEqual([deleted.file, deleted.line], ['missing-live.tf', 2]);
    const gone = at('cloudflare_zero_trust_device_posture_rule.gone');
    assert.equal(gone.status, 'missingLive');
    assert.equal(gone.reason, 'no live resource has name = "A rule nobody kept"');
    assert.equal(gone.line, 18);
  });

  test('expressions are listed, not guessed; the literal values still match', () => {
    const sentinelone = at('cloudflare_zero_trust_device_posture_integration.sentinelone');
    assert.equal(sentinelone.status, 'equal');
    assert.equal(sentinelone.live?.id, POSTURE.sentinelone_s2s!.id);
    assert.deepEqual(sentinelone.expressions, [
      { path: 'account_id', expression: 'var.account_id' },
      { path: 'config.api_url', expression: 'https://${lower("ACME")}.sentinelone.net' },
      { path: 'interval', expression: 'var.poll_interval' },
    ]);
    assert.deepEqual([sentinelone.file, sentinelone.line], ['expression.tf', 11]);
  });

  test('a v4 `config {}` block is read as the v5 object and flagged', () => {
    const intune = at('cloudflare_zero_trust_device_posture_integration.intune');
    assert.deepEqual(intune.v4Blocks, ['config']);
    assert.equal(intune.status, 'changed');
    assert.deepEqual(intune.changes, [{ path: 'config.client_id', workspace: '11111111-2222-4333-8444-555555555555', live: '7d6c5b4a-3f2e-4d1c-9b0a-8f7e6d5c4b3a' }]);
    assert.equal(intune.line, 2);
  });

  test('an import block in another file matches a block whose label and entry_id say otherwise', () => {
    const tanium = at('cloudflare_zero_trust_device_posture_integration.legacy_tanium_label');
    assert.deepEqual([tanium.status, tanium.live?.id, tanium.live?.matchedBy], ['equal', POSTURE.tanium_s2s!.id, 'import']);
    assert.deepEqual([tanium.file, tanium.line], ['import-elsewhere/main.tf', 2]);
    const label = at('cloudflare_zero_trust_dlp_integration_entry.label');
    assert.deepEqual([label.status, label.live?.id, label.live?.matchedBy], ['changed', DLP.withoutProfile!.id, 'import']);
    assert.deepEqual(label.changes, [
      { path: 'enabled', workspace: true, live: false },
      { path: 'profile_id', workspace: 'ce0f1a2b-3c4d-4e5f-8a7b-8c9d0e1f2a13', live: undefined },
    ]);
    assert.equal(label.line, 16);
  });

  test('tree rows find their drift by account, family and id', () => {
    const byResource = driftByLiveResource(report.resources);
    assert.equal(byResource.get(liveResourceKey(ACCOUNT, 'devicePostureIntegrations', POSTURE.crowdstrike_s2s!.id))?.status, 'changed');
    assert.equal(byResource.get(liveResourceKey(ACCOUNT, 'devicePostureIntegrations', POSTURE.kolide!.id))?.status, 'equal');
    assert.equal(byResource.get(liveResourceKey(ACCOUNT, 'devicePostureIntegrations', POSTURE.uptycs!.id)), undefined);
    // Eight blocks were matched to eight different live resources; the two missing ones to none.
    assert.equal(byResource.size, 9);
  });
});

describe('Compare with Terraform: more matching rules', () => {
  test('a block that leaves out an attribute Cloudflare has would unset it: reported as changed', async () => {
    const text = [
      'resource "cloudflare_zero_trust_risk_scoring_integration" "okta" {',
      `  account_id       = "${ACCOUNT}"`,
      '  integration_type = "Okta"',
      '  tenant_url       = "https://acme.okta.com"',
      '}',
    ].join('\n');
    const { resources } = await compareWithTerraform([{ path: 'main.tf', text }], LIVE);
    assert.deepEqual(resources[0]?.changes, [
      { path: 'active', workspace: undefined, live: true },
      { path: 'reference_id', workspace: undefined, live: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f5' },
    ]);
  });

  test('two live resources with the attributes the block states: no match, and the reason says so', async () => {
    const text = 'resource "cloudflare_zero_trust_device_posture_integration" "k" {\n  name = "Kolide"\n  account_id = var.account\n}\n';
    const { resources } = await compareWithTerraform([{ path: 'main.tf', text }], LIVE);
    assert.deepEqual([resources[0]?.status, resources[0]?.reason], ['missingLive', '2 live resources have name = "Kolide"']);
  });

  test('numbers and strings Terraform would convert into each other are equal ("60" and 60)', async () => {
    const text = [
      'resource "cloudflare_zero_trust_device_posture_rule" "r" {',
      `  account_id = "${ACCOUNT}"`,
      '  name = "Tanium — risk score below 70"',
      '  type = "tanium_s2s"',
      '  match = [{ platform = "windows" }]',
      '  input = {',
      '    connection_id  = "6e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a06"',
      '    total_score    = "70"',
      '    score_operator = "<"',
      '    risk_level     = "medium"',
      '    operator       = "<="',
      '  }',
      '}',
    ].join('\n');
    const { resources } = await compareWithTerraform([{ path: 'main.tf', text }], LIVE);
    assert.deepEqual([resources[0]?.status, resources[0]?.changes], ['equal', []]);
  });

  test('a header the scan cannot place (a label with an escape) has line 0, and is still compared', async () => {
    const text = 'resource "cloudflare_zero_trust_dlp_integration_entry" "fin\\u0061nce" {\n  entry_id = "bd9e0f1a-2b3c-4d4e-9f6a-7b8c9d0e1f12"\n  enabled = true\n}\n';
    const { resources } = await compareWithTerraform([{ path: 'main.tf', text }], LIVE);
    assert.deepEqual([resources[0]?.address, resources[0]?.line, resources[0]?.live?.id], ['cloudflare_zero_trust_dlp_integration_entry.finance', 0, DLP.inProfile!.id]);
  });
});
