// The generated JSON Schemas, as VS Code will read them from media/schemas: each accepts every template a
// draft starts from and refuses the mistakes a user makes. Run `node esbuild.mjs` first to (re)generate.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { devicePostureIntegrations } from '../../src/families/devicePostureIntegrations';
import { dlpIntegrationEntries } from '../../src/families/dlpIntegrationEntries';
import { renderAllSchemas } from '../../src/families/jsonSchemas';
import { allFamilies } from '../../src/families/registry';
import { riskScoringIntegrations } from '../../src/families/riskScoringIntegrations';

// out/test/unit → the repository root.
const ROOT = resolve(__dirname, '..', '..', '..');
const SCHEMA_DIR = join(ROOT, 'media', 'schemas');

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addKeyword('patternErrorMessage'); // VS Code's message for a failed pattern; no validation meaning.
ajv.addKeyword('errorMessage'); // VS Code's message for any failure of that field (the field's own plain words); no validation meaning.

const compiled = new Map<string, ValidateFunction>();
function schema(familyId: string, kind: 'create' | 'update' | 'resource' | 'edit'): ValidateFunction {
  const name = `${familyId}.${kind}.schema.json`;
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8')) as object);
    compiled.set(name, validate);
  }
  return validate;
}

function accepts(validate: ValidateFunction, value: unknown): void {
  assert.equal(validate(value), true, `expected valid: ${JSON.stringify(value)}\n${ajv.errorsText(validate.errors)}`);
}
function refuses(validate: ValidateFunction, value: unknown): void {
  assert.equal(validate(value), false, `expected invalid: ${JSON.stringify(value)}`);
}

const POSTURE_TYPES = ['workspace_one', 'crowdstrike_s2s', 'uptycs', 'intune', 'kolide', 'tanium_s2s', 'sentinelone_s2s', 'custom_s2s'];
const KOLIDE_CONFIG = { client_id: 'kolide-client', client_secret: 'kolide-secret' };
const PLACEHOLDER = '•••••• stored secret (write-only: leave as is to keep it)';

describe('Generated schema files', () => {
  test('media/schemas matches the zod models (stale files mean: run node esbuild.mjs)', () => {
    for (const [name, text] of renderAllSchemas(allFamilies)) {
      assert.equal(readFileSync(join(SCHEMA_DIR, name), 'utf8'), text, `${name} is out of date`);
    }
  });

  test('every schema package.json points VS Code at exists and is draft-07', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { jsonValidation: { url: string }[] } };
    const urls = manifest.contributes.jsonValidation.map((v) => v.url);
    assert.ok(urls.length >= 6, urls.join(', '));
    for (const url of urls) {
      const parsed = JSON.parse(readFileSync(join(ROOT, url), 'utf8')) as { $schema?: string };
      assert.equal(parsed.$schema, 'http://json-schema.org/draft-07/schema#', url);
    }
  });
});

describe('Create schemas', () => {
  test('device posture: the template of each of the eight types is valid', () => {
    const create = schema('devicePostureIntegrations', 'create');
    for (const type of POSTURE_TYPES) accepts(create, devicePostureIntegrations.createTemplate(type));
  });

  test('device posture: wrong type, missing field, extra field and another type\'s config are refused', () => {
    const create = schema('devicePostureIntegrations', 'create');
    const ok = { name: 'Kolide', type: 'kolide', interval: '10m', config: KOLIDE_CONFIG };
    accepts(create, ok);
    refuses(create, { ...ok, type: 'tanium' });
    refuses(create, { name: 'Kolide', type: 'kolide', config: KOLIDE_CONFIG });
    refuses(create, { ...ok, config: { client_id: 'kolide-client' } });
    refuses(create, { ...ok, enabled: true });
    refuses(create, { ...ok, config: { ...KOLIDE_CONFIG, api_url: 'https://x.example' } });
    refuses(create, { ...ok, type: 'workspace_one' });
    refuses(create, { ...ok, interval: '10 minutes' });
  });

  test('risk scoring: the template is valid; another IdP, a missing or non-http tenant URL and `active` are refused', () => {
    const create = schema('riskScoringIntegrations', 'create');
    accepts(create, riskScoringIntegrations.createTemplate());
    accepts(create, { integration_type: 'Okta', tenant_url: 'https://acme.okta.com' });
    refuses(create, { integration_type: 'Azure', tenant_url: 'https://acme.okta.com' });
    refuses(create, { integration_type: 'Okta' });
    refuses(create, { integration_type: 'Okta', tenant_url: 'ftp://acme.okta.com' });
    refuses(create, { integration_type: 'Okta', tenant_url: 'https://acme.okta.com', active: true });
  });

  test('DLP: the templates are valid; a missing entry_id, a non-uuid id, a string flag and profile_id are refused', () => {
    const create = schema('dlpIntegrationEntries', 'create');
    accepts(create, dlpIntegrationEntries.createTemplate());
    const entry = { id: '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b', name: 'L', enabled: true, created_at: 'x', updated_at: 'y', profile_id: null };
    accepts(create, dlpIntegrationEntries.templateFor?.(entry));
    refuses(create, { enabled: true });
    refuses(create, { entry_id: 'not-a-uuid', enabled: true });
    refuses(create, { entry_id: entry.id, enabled: 'yes' });
    refuses(create, { entry_id: entry.id, enabled: true, profile_id: entry.id });
  });
});

describe('Update schemas', () => {
  test('risk scoring: active is required, tenant_url must be a URL, nothing read-only may be sent', () => {
    const update = schema('riskScoringIntegrations', 'update');
    accepts(update, { active: false, tenant_url: 'https://acme.okta.com', reference_id: null });
    refuses(update, { tenant_url: 'https://acme.okta.com' });
    refuses(update, { active: 'false', tenant_url: 'https://acme.okta.com' });
    refuses(update, { active: true, tenant_url: 'https://acme.okta.com', id: 'x' });
  });

  test('DLP: only {enabled}', () => {
    const update = schema('dlpIntegrationEntries', 'update');
    accepts(update, { enabled: false });
    refuses(update, {});
    refuses(update, { enabled: false, name: 'renamed' });
  });

  test('device posture: any subset; config paired with a type sent alongside; an incomplete config is refused', () => {
    const update = schema('devicePostureIntegrations', 'update');
    accepts(update, {});
    accepts(update, { interval: '5m' });
    accepts(update, { type: 'kolide', config: KOLIDE_CONFIG });
    accepts(update, { config: KOLIDE_CONFIG });
    refuses(update, { type: 'workspace_one', config: KOLIDE_CONFIG });
    refuses(update, { config: { client_id: 'only' } });
    refuses(update, { interval: '0m' });
    refuses(update, { id: 'k-1' });
  });
});

describe('Editor document and resource schemas', () => {
  test('a device posture document with secret placeholders is valid; a wrong value type or unknown type is not', () => {
    const edit = schema('devicePostureIntegrations', 'edit');
    const doc = { id: 'cs-1', name: 'CrowdStrike', type: 'crowdstrike_s2s', interval: '1h', config: { api_url: 'https://api.crowdstrike.com', client_id: 'c', client_secret: PLACEHOLDER } };
    accepts(edit, doc);
    refuses(edit, { ...doc, interval: 60 });
    refuses(edit, { ...doc, type: 'unknown_provider' });
  });

  test('risk scoring and DLP documents as Cloudflare returns them are valid; a bad toggle value is not', () => {
    const risk = { id: 'r', account_tag: 'a', active: true, created_at: 'c', integration_type: 'Okta', reference_id: 'ref', tenant_url: 'https://acme.okta.com', well_known_url: 'https://w' };
    accepts(schema('riskScoringIntegrations', 'edit'), risk);
    accepts(schema('riskScoringIntegrations', 'resource'), risk);
    refuses(schema('riskScoringIntegrations', 'edit'), { ...risk, active: 'yes' });
    const entry = { id: 'e', name: 'Label', enabled: false, created_at: 'c', updated_at: 'u', profile_id: 'p', future: 1 };
    accepts(schema('dlpIntegrationEntries', 'edit'), entry);
    accepts(schema('dlpIntegrationEntries', 'resource'), entry);
    refuses(schema('dlpIntegrationEntries', 'edit'), { ...entry, enabled: 'no' });
  });

  test('a device posture resource of an unknown type with a partial config is valid', () => {
    accepts(schema('devicePostureIntegrations', 'resource'), { id: 'x', type: 'brand_new', config: { api_url: 'https://x', region: 'eu' } });
  });
});
