// Device posture rules (`/devices/posture`, beside the integrations at `/devices/posture/integration`: the
// literal `integration` segment always wins for GET and POST, and a rule id must be a UUID). POST creates, PUT
// replaces the whole rule (same body as POST: an optional field left out is gone), DELETE answers `{id}`.
// `enabled` is computed, as Cloudflare does: false only for a deprecated Kolide rule that still uses
// `issue_count`. A rule of one of the seven integration-backed types must read an integration of this account of
// the same type through `input.connection_id`; its other input fields are checked against the type's input
// schema. Other types take any input object.
import { ApiError } from '../envelope';
import { defineFamily } from '../family';
import {
  isIntegrationRuleType,
  POSTURE_RULE_TYPES,
  RULE_PLATFORMS,
  ruleEnabled,
  seedPostureRules,
  type DevicePostureRuleRecord,
  type IntegrationRuleType,
  type PostureRuleType,
  type RulePlatform,
} from '../seed/posture-rules';
import type { FamilyTable } from '../store';
import type { DevicePostureIntegrationRecord } from '../types';
import { BodyCheck, isJsonObject } from '../validate';
import { docsPage, familyTable, uuidParam, type ApiRoute, type RouteContext } from './route';

const FAMILY = 'devicePostureRules';
const RULES = '/accounts/:accountId/devices/posture';
const DOCS = 'zero_trust/subresources/devices/subresources/posture';
const FIELDS = ['name', 'type', 'description', 'schedule', 'expiration', 'match', 'input'] as const;
/** Poll interval: whole minutes or hours, at least 1m (`5m`, `1h`). */
const SCHEDULE = { regex: /^[1-9][0-9]*[mh]$/, hint: 'a number followed by m or h, e.g. "5m" or "1h"' };
/** Lifetime of a result: minutes, hours or days (`30m`, `1h`, `1d`). */
const EXPIRATION = { regex: /^[1-9][0-9]*[mhd]$/, hint: 'a number followed by m, h or d, e.g. "1h"' };

type Table = FamilyTable<DevicePostureRuleRecord>;
const tableOf = (ctx: RouteContext): Table => familyTable<DevicePostureRuleRecord>(ctx, FAMILY);

const OPERATORS = ['<', '<=', '>', '>=', '=='] as const;
type FieldKind =
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumArray'; values: readonly string[] };
const text: FieldKind = { kind: 'string' };
const flag: FieldKind = { kind: 'boolean' };
const operator: FieldKind = { kind: 'enum', values: OPERATORS };

/** The input schema of each integration-backed rule type (the spec's "… S2S Input" schemas). */
const INTEGRATION_INPUTS: Record<IntegrationRuleType, { required: readonly string[]; fields: Record<string, FieldKind> }> = {
  workspace_one: { required: ['connection_id', 'compliance_status'], fields: { connection_id: text, compliance_status: { kind: 'enum', values: ['compliant', 'noncompliant', 'unknown'] } } },
  crowdstrike_s2s: {
    required: ['connection_id'],
    fields: {
      connection_id: text, last_seen: text, operator, os: text, overall: text, sensor_config: text,
      state: { kind: 'enum', values: ['online', 'offline', 'unknown'] }, version: text, versionOperator: operator,
    },
  },
  intune: {
    required: ['connection_id', 'compliance_status'],
    fields: { connection_id: text, compliance_status: { kind: 'enum', values: ['compliant', 'noncompliant', 'unknown', 'notapplicable', 'ingraceperiod', 'error'] } },
  },
  kolide: {
    required: ['connection_id'],
    fields: { connection_id: text, auth_state: { kind: 'enumArray', values: ['Good', 'Notified', 'Will Block', 'Blocked'] }, countOperator: operator, issue_count: text },
  },
  tanium_s2s: {
    required: ['connection_id'],
    fields: { connection_id: text, eid_last_seen: text, operator, risk_level: { kind: 'enum', values: ['low', 'medium', 'high', 'critical'] }, scoreOperator: operator, total_score: { kind: 'number' } },
  },
  sentinelone_s2s: {
    required: ['connection_id'],
    fields: {
      active_threats: { kind: 'number' }, connection_id: text, infected: flag, is_active: flag,
      network_status: { kind: 'enum', values: ['connected', 'disconnected', 'disconnecting', 'connecting'] },
      operational_state: { kind: 'enum', values: ['na', 'partially_disabled', 'auto_fully_disabled', 'fully_disabled', 'auto_partially_disabled', 'disabled_error', 'db_corruption'] },
      operator,
    },
  },
  custom_s2s: { required: ['connection_id', 'score', 'operator'], fields: { connection_id: text, operator, score: { kind: 'number', min: 0, max: 100 } } },
};

function checkField(check: BodyCheck, key: string, kind: FieldKind): void {
  const value = check.body[key];
  switch (kind.kind) {
    case 'string':
      check.string(key, { required: false, nonEmpty: key === 'connection_id' });
      return;
    case 'boolean':
      check.boolean(key, false);
      return;
    case 'enum':
      check.oneOf(key, kind.values, false);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) check.problem(key, 'must be a number');
      else if ((kind.min !== undefined && value < kind.min) || (kind.max !== undefined && value > kind.max)) check.problem(key, `must be from ${kind.min} to ${kind.max}`);
      return;
    case 'enumArray':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !kind.values.includes(v))) {
        check.problem(key, `must be an array of ${kind.values.map((v) => JSON.stringify(v)).join(', ')}`);
      }
  }
}

/** An integration-backed rule's input: its schema, then the integration it names (this account, same type). */
function checkIntegrationInput(ctx: RouteContext, check: BodyCheck, type: IntegrationRuleType): void {
  const input = check.body.input;
  if (input === undefined) {
    check.problem('input', `is required for a ${type} rule: input.connection_id names the device posture integration it reads`);
    return;
  }
  const inputCheck = check.nested('input', true);
  if (!inputCheck) return;
  const schema = INTEGRATION_INPUTS[type];
  inputCheck.onlyKnown(Object.keys(schema.fields), `a ${type} rule input`);
  for (const key of schema.required) {
    if (inputCheck.body[key] === undefined) {
      inputCheck.problem(key, key === 'connection_id' ? `is required for a ${type} rule (the id of the device posture integration it reads)` : `is required for a ${type} rule`);
    }
  }
  for (const [key, kind] of Object.entries(schema.fields)) if (inputCheck.body[key] !== undefined) checkField(inputCheck, key, kind);
  const connectionId = inputCheck.body.connection_id;
  if (typeof connectionId !== 'string' || connectionId === '') return;
  const integration = ctx.store.table<DevicePostureIntegrationRecord>('devicePostureIntegrations', ctx.params.accountId ?? '').get(connectionId);
  if (!integration) inputCheck.problem('connection_id', `names no device posture integration of this account (${connectionId})`);
  else if (integration.type !== type) inputCheck.problem('connection_id', `names an integration of type ${String(integration.type)}; a rule of type ${type} reads an integration of type ${type}`);
}

/** POST and PUT take the same body; returns the rule as stored (without id). */
function readRule(ctx: RouteContext): Omit<DevicePostureRuleRecord, 'id'> {
  const check = BodyCheck.object(ctx.body);
  check.onlyKnown(FIELDS, 'a device posture rule');
  const name = check.string('name', { required: true, nonEmpty: true });
  const type = check.oneOf('type', POSTURE_RULE_TYPES, true);
  const description = check.string('description', { required: false });
  const schedule = check.string('schedule', { required: false, pattern: SCHEDULE });
  const expiration = check.string('expiration', { required: false, pattern: EXPIRATION });
  const match = ctx.body && isJsonObject(ctx.body) ? ctx.body.match : undefined;
  if (match !== undefined) {
    const items = Array.isArray(match) ? match : undefined;
    if (!items) check.problem('match', 'must be an array of {"platform": …}');
    items?.forEach((item, i) => {
      if (!isJsonObject(item) || Object.keys(item).some((k) => k !== 'platform') || !(RULE_PLATFORMS as readonly string[]).includes(item.platform as string)) {
        check.problem('match', `item ${i} must be {"platform": one of ${RULE_PLATFORMS.map((p) => JSON.stringify(p)).join(', ')}}`);
      }
    });
  }
  if (isIntegrationRuleType(type)) checkIntegrationInput(ctx, check, type);
  else if (check.has('input') && !isJsonObject(check.body.input)) check.problem('input', 'must be an object');
  check.throwIfInvalid();
  const input = check.body.input as Record<string, unknown> | undefined;
  const rule: Omit<DevicePostureRuleRecord, 'id'> = { name: name as string, type: type as PostureRuleType, enabled: ruleEnabled(type as string, input) };
  if (description !== undefined && description !== null) rule.description = description;
  if (typeof schedule === 'string') rule.schedule = schedule;
  if (typeof expiration === 'string') rule.expiration = expiration;
  if (match !== undefined) rule.match = structuredClone(match) as { platform: RulePlatform }[];
  if (input !== undefined) rule.input = structuredClone(input);
  return rule;
}

function find(table: Table, id: string): DevicePostureRuleRecord {
  const rule = table.get(id);
  if (!rule) throw ApiError.notFound('Device posture rule');
  return rule;
}

const routes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: RULES,
    docs: docsPage(DOCS, 'list'),
    handle: (ctx) => {
      const all = tableOf(ctx).list();
      // No paging parameters exist: the whole list is one page.
      return { result: all, resultInfo: { page: 1, per_page: Math.max(all.length, 20), count: all.length, total_count: all.length } };
    },
  },
  {
    method: 'POST',
    pattern: RULES,
    docs: docsPage(DOCS, 'create'),
    handle: (ctx) => ({ result: tableOf(ctx).create({ id: ctx.store.newId(), ...readRule(ctx) }) }),
  },
  {
    method: 'GET',
    pattern: `${RULES}/:ruleId`,
    docs: docsPage(DOCS, 'get'),
    handle: (ctx) => ({ result: find(tableOf(ctx), uuidParam(ctx, 'ruleId')) }),
  },
  {
    method: 'PUT',
    pattern: `${RULES}/:ruleId`,
    docs: docsPage(DOCS, 'update'),
    handle: (ctx) => {
      const table = tableOf(ctx);
      const { id } = find(table, uuidParam(ctx, 'ruleId'));
      return { result: table.replace(id, readRule(ctx)) };
    },
  },
  {
    method: 'DELETE',
    pattern: `${RULES}/:ruleId`,
    docs: docsPage(DOCS, 'delete'),
    handle: (ctx) => {
      const table = tableOf(ctx);
      const { id } = find(table, uuidParam(ctx, 'ruleId'));
      table.remove(id);
      return { result: { id } };
    },
  },
];

export const devicePostureRules = defineFamily<DevicePostureRuleRecord>({
  stream: 'posture-rules',
  resource: { type: 'device_posture_rule', product: 'Zero Trust', label: 'device posture rule', path: 'devices/posture', updateMethod: 'PUT' },
  seed: seedPostureRules,
  routes,
});
