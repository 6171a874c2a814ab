import * as z from 'zod';
import { accountPath, callForAccount } from '../api/accountRequest';
import type { AccountContext } from '../api/types';
import type { FamilyDescriptor } from './family';
import { ruleUsedBy } from './postureUsers';
import { MAX_NAME_LENGTH, MAX_TEXT_LENGTH, readOnlyField, textField } from './fields';
import { placeholderFor } from './templates';
import { validateBody } from './validation';

// Device posture rules (`/accounts/{id}/devices/posture`): the checks the Cloudflare One client runs. Seven rule
// types read a device posture integration through `input.connection_id`. PUT replaces a whole rule (the same body
// as POST). Facts from the official OpenAPI fragment (zt-related.openapi.json, copied in test/contract/).

const RULES = 'devices/posture';

/** Every rule type the API accepts (`teams-devices_type`). */
export const POSTURE_RULE_TYPES = [
  'file', 'application', 'tanium', 'gateway', 'warp', 'disk_encryption', 'serial_number', 'sentinelone', 'carbonblack', 'firewall',
  'os_version', 'domain_joined', 'client_certificate', 'client_certificate_v2', 'antivirus', 'unique_client_id', 'kolide', 'tanium_s2s',
  'crowdstrike_s2s', 'intune', 'workspace_one', 'sentinelone_s2s', 'custom_s2s',
] as const;
type RuleType = (typeof POSTURE_RULE_TYPES)[number];

/** The rule types that read a device posture integration of the same type (`input.connection_id`). */
const INTEGRATION_RULE_TYPES: readonly string[] = ['workspace_one', 'crowdstrike_s2s', 'intune', 'kolide', 'tanium_s2s', 'sentinelone_s2s', 'custom_s2s'];
const PLATFORMS = ['windows', 'mac', 'linux', 'android', 'ios', 'chromeos'] as const;

/** Names for people; the raw type is shown beside them. */
const TYPE_LABELS: Record<RuleType, string> = {
  file: 'File check', application: 'Application check', tanium: 'Tanium (client)', gateway: 'Gateway', warp: 'WARP',
  disk_encryption: 'Disk encryption', serial_number: 'Serial number', sentinelone: 'SentinelOne (client)', carbonblack: 'Carbon Black',
  firewall: 'Firewall', os_version: 'OS version', domain_joined: 'Domain joined', client_certificate: 'Client certificate',
  client_certificate_v2: 'Client certificate (v2)', antivirus: 'Antivirus', unique_client_id: 'Unique client ID', kolide: 'Kolide',
  tanium_s2s: 'Tanium', crowdstrike_s2s: 'CrowdStrike', intune: 'Microsoft Intune', workspace_one: 'Workspace ONE',
  sentinelone_s2s: 'SentinelOne', custom_s2s: 'Custom service provider',
};

const isRuleType = (value: unknown): value is RuleType => typeof value === 'string' && (POSTURE_RULE_TYPES as readonly string[]).includes(value);
const DURATION_MESSAGE = (field: string, units: string): string => `${field} must be a duration such as ${units}`;

export const devicePostureRuleSchema = z
  .looseObject({
    id: readOnlyField(z.string(), 'The id of the rule.'),
    name: z.string().optional(),
    // Read as a plain string: a rule type Cloudflare adds later still lists.
    type: z.string().optional(),
    description: z.string().nullish(),
    schedule: z.string().nullish(),
    expiration: z.string().nullish(),
    enabled: readOnlyField(z.boolean().optional(), 'False only for a deprecated Kolide rule that still uses issue_count.'),
    match: z.array(z.looseObject({ platform: z.string().optional() })).nullish(),
    input: z.looseObject({ connection_id: z.string().optional() }).nullish(),
  })
  .meta({ title: 'Device posture rule', description: 'A check the Cloudflare One client runs on a device.' });
export type DevicePostureRule = z.output<typeof devicePostureRuleSchema>;

const ruleFields = {
  name: textField('name', `The name of the rule (at most ${MAX_NAME_LENGTH} characters).`, 'Corp laptops — CrowdStrike ZTA ≥ 60', MAX_NAME_LENGTH),
  type: z.enum(POSTURE_RULE_TYPES, { error: `type must be one of: ${POSTURE_RULE_TYPES.join(', ')}` }).describe('What the rule checks. Integration-backed types read input.connection_id.'),
  description: z.string({ error: 'description must be text' }).max(MAX_TEXT_LENGTH).optional().describe('What the rule is for.'),
  schedule: z.string().regex(/^[1-9][0-9]{0,4}[mh]$/, { error: DURATION_MESSAGE('schedule', '5m or 1h') }).optional()
    .meta({ description: 'How often the client runs the check (default 5m, at least 1m).', examples: ['5m', '1h'], errorMessage: DURATION_MESSAGE('schedule', '5m or 1h') }),
  expiration: z.string().regex(/^[1-9][0-9]{0,4}[mhd]$/, { error: DURATION_MESSAGE('expiration', '30m, 1h or 1d') }).optional()
    .meta({ description: 'How long a result stays valid.', examples: ['1h'], errorMessage: DURATION_MESSAGE('expiration', '30m, 1h or 1d') }),
  match: z.array(z.strictObject({ platform: z.enum(PLATFORMS, { error: `platform must be one of: ${PLATFORMS.join(', ')}` }) })).optional()
    .describe('The platforms the rule applies to.'),
  input: z.record(z.string(), z.unknown()).optional().describe('The check itself; its fields depend on type. Integration-backed types name the integration in connection_id.'),
};

/** An integration-backed rule must say which integration it reads; the server checks the rest of its input. */
function requireConnection(body: { type: string; input?: Record<string, unknown> | undefined }, ctx: z.RefinementCtx): void {
  if (!INTEGRATION_RULE_TYPES.includes(body.type)) return;
  const connection = body.input?.connection_id;
  if (typeof connection !== 'string' || connection === '') {
    ctx.addIssue({ code: 'custom', path: ['input', 'connection_id'], message: `input.connection_id is required for a ${body.type} rule: the id of the device posture integration it reads` });
  }
}

/** POST and PUT take the same body (PUT replaces the whole rule). */
export const devicePostureRuleBodySchema = z.strictObject(ruleFields).superRefine(requireConnection)
  .meta({ title: 'Device posture rule', description: 'Saving replaces the whole rule (PUT): a field left out is removed.' });
export type DevicePostureRuleBody = z.output<typeof devicePostureRuleBodySchema>;

const editSchema = z.looseObject({ ...devicePostureRuleSchema.shape, ...ruleFields })
  .meta({ title: 'Device posture rule (editor)', description: 'Applying replaces the whole rule with this document (PUT).' });

/** The input a new rule of a type starts from; placeholders mark what must be filled in. */
function inputTemplate(type: RuleType): Record<string, unknown> {
  const connection = { connection_id: placeholderFor('device_posture_integration_id') };
  switch (type) {
    case 'workspace_one': case 'intune': return { ...connection, compliance_status: 'compliant' };
    case 'crowdstrike_s2s': return { ...connection, overall: '60', operator: '>=' };
    case 'custom_s2s': return { ...connection, score: 60, operator: '>=' };
    case 'kolide': return { ...connection, auth_state: ['Good'] };
    case 'tanium_s2s': return { ...connection, risk_level: 'low' };
    case 'sentinelone_s2s': return { ...connection, infected: false };
    case 'os_version': return { version: '14.0.0', operator: '>=' };
    case 'disk_encryption': return { requireAll: true };
    case 'firewall': return { enabled: true };
    case 'domain_joined': return { domain: placeholderFor('domain') };
    case 'file': case 'application': return { path: placeholderFor('path') };
    default: return {};
  }
}

function ruleTemplate(variant?: string): DevicePostureRuleBody {
  const type = isRuleType(variant) ? variant : 'os_version';
  return devicePostureRuleBodySchema.parse({ name: `${TYPE_LABELS[type]} rule`, type, schedule: '5m', match: [{ platform: 'windows' }, { platform: 'mac' }], input: inputTemplate(type) });
}

/** Built once: an answer is reused only for the very schema it was checked with (see reuseSameAnswer). */
const ruleListSchema = z.array(devicePostureRuleSchema).nullish();

export async function listDevicePostureRules(ctx: AccountContext): Promise<DevicePostureRule[]> {
  const { result } = await callForAccount(ctx, { method: 'GET', path: accountPath(ctx.accountId, RULES), result: ruleListSchema, reuseSameAnswer: true });
  return result ?? [];
}

export async function getDevicePostureRule(ctx: AccountContext, id: string): Promise<DevicePostureRule> {
  const { result } = await callForAccount(ctx, { method: 'GET', path: accountPath(ctx.accountId, RULES, id), result: devicePostureRuleSchema });
  return result;
}

async function writeRule(ctx: AccountContext, method: 'POST' | 'PUT', body: DevicePostureRuleBody, id?: string): Promise<DevicePostureRule> {
  const sent = validateBody(devicePostureRuleBodySchema, body, 'device posture rule body');
  const path = id === undefined ? accountPath(ctx.accountId, RULES) : accountPath(ctx.accountId, RULES, id);
  const { result } = await callForAccount(ctx, { method, path, body: sent, result: devicePostureRuleSchema });
  return result;
}

export const devicePostureRules: FamilyDescriptor<DevicePostureRule, DevicePostureRuleBody, DevicePostureRuleBody, 'devicePostureRules'> = {
  id: 'devicePostureRules',
  title: 'Device posture rules',
  singular: 'device posture rule',
  viewName: 'Device Posture Rules',
  create: { command: 'newDevicePostureRule', title: 'New device posture rule', pickPlaceholder: 'Pick what the rule checks; the draft holds its input' },
  variantLabel: (variant) => (isRuleType(variant) ? TYPE_LABELS[variant] : variant),
  schemas: { resource: devicePostureRuleSchema, create: devicePostureRuleBodySchema, update: devicePostureRuleBodySchema, edit: editSchema },
  updateMethod: 'PUT',
  readOnlyFields: ['id', 'enabled'],
  writeOnlyFields: () => [],
  canDelete: true,
  templateVariants: POSTURE_RULE_TYPES,
  createTemplate: ruleTemplate,
  // A type added by Cloudflare after this release has an input this version cannot check.
  isEditable: (rule) => isRuleType(rule.type),
  displayName: (rule) => rule.name || rule.id,
  operations: {
    list: listDevicePostureRules,
    get: getDevicePostureRule,
    create: (ctx, body) => writeRule(ctx, 'POST', body),
    update: (ctx, id, body) => writeRule(ctx, 'PUT', body, id),
    // The result is `{id}`; nothing in it is worth parsing.
    remove: async (ctx, id) => {
      await callForAccount(ctx, { method: 'DELETE', path: accountPath(ctx.accountId, RULES, id), result: z.unknown() });
    },
  },
  editableFields: ['name', 'type', 'description', 'schedule', 'expiration', 'match', 'input'],
  documentSuffix: 'posture-rule',
  describe: (rule) => {
    const type = isRuleType(rule.type) ? TYPE_LABELS[rule.type] : (rule.type ?? 'unknown type');
    return { text: rule.schedule ? `${type} · every ${rule.schedule}` : type };
  },
  references: [{ field: 'input.connection_id', family: 'devicePostureIntegrations', verb: 'reads' }],
  routes: [RULES],
  usedBy: ruleUsedBy,
  access: {
    readPermission: 'Zero Trust Read',
    writePermission: 'Zero Trust Write',
    featureName: 'Device posture',
    featureRequirement: 'Cloudflare Zero Trust with device posture',
    learnMoreUrl: 'https://developers.cloudflare.com/cloudflare-one/identity/devices/',
  },
  // Third-party evidence only (API.md §6).
  dashboardPath: 'team/posture/checks',
};
