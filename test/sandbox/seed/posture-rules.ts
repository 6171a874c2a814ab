// Seeded device posture rules of one account. Rules of the seven integration-backed types read a seeded device
// posture integration of the same type through `input.connection_id` (the CrowdStrike integration is read by two:
// "Corp laptops" and "Contractors"); a few rules check the device itself (OS version, disk encryption, firewall,
// WARP) and read no integration.
import type { SeedContext } from '../family';
import { randomUuid } from '../prng';
import type { DevicePostureIntegrationRecord } from '../types';
import { POSTURE_VENDOR_NAMES } from './catalog';

/** Every rule type the API accepts (`teams-devices_type`). */
export const POSTURE_RULE_TYPES = [
  'file', 'application', 'tanium', 'gateway', 'warp', 'disk_encryption', 'serial_number', 'sentinelone', 'carbonblack', 'firewall',
  'os_version', 'domain_joined', 'client_certificate', 'client_certificate_v2', 'antivirus', 'unique_client_id', 'kolide', 'tanium_s2s',
  'crowdstrike_s2s', 'intune', 'workspace_one', 'sentinelone_s2s', 'custom_s2s',
] as const;
export type PostureRuleType = (typeof POSTURE_RULE_TYPES)[number];

/**
 * The rule types that read a device posture integration (`input.connection_id`); each reads an integration of
 * the same `type` (uptycs integrations have no rule type).
 */
export const INTEGRATION_RULE_TYPES = ['workspace_one', 'crowdstrike_s2s', 'intune', 'kolide', 'tanium_s2s', 'sentinelone_s2s', 'custom_s2s'] as const;
export type IntegrationRuleType = (typeof INTEGRATION_RULE_TYPES)[number];

export const RULE_PLATFORMS = ['windows', 'mac', 'linux', 'android', 'ios', 'chromeos'] as const;
export type RulePlatform = (typeof RULE_PLATFORMS)[number];

export type DevicePostureRuleRecord = {
  id: string;
  name: string;
  type: PostureRuleType;
  description?: string;
  schedule?: string;
  expiration?: string;
  /** Computed by the API: false only for a deprecated Kolide rule that still uses `issue_count`. */
  enabled: boolean;
  match?: { platform: RulePlatform }[];
  input?: Record<string, unknown>;
};

export function isIntegrationRuleType(type: unknown): type is IntegrationRuleType {
  return typeof type === 'string' && (INTEGRATION_RULE_TYPES as readonly string[]).includes(type);
}

/** What the API computes for `enabled`. */
export function ruleEnabled(type: string, input: Record<string, unknown> | undefined): boolean {
  return !(type === 'kolide' && input?.issue_count !== undefined);
}

type Template = Omit<DevicePostureRuleRecord, 'id' | 'enabled' | 'input'> & { input?: Record<string, unknown> };
const desktops = (): { platform: RulePlatform }[] => [{ platform: 'windows' }, { platform: 'mac' }];

/** Rules reading one integration, by integration type (input without connection_id). */
const INTEGRATION_RULES: Record<IntegrationRuleType, Template[]> = {
  crowdstrike_s2s: [
    {
      name: 'Corp laptops — CrowdStrike ZTA ≥ 60',
      type: 'crowdstrike_s2s',
      description: 'Company laptops need a CrowdStrike Zero Trust Assessment score of at least 60.',
      match: desktops(),
      input: { overall: '60', operator: '>=' },
    },
    {
      name: 'Contractors — CrowdStrike sensor online',
      type: 'crowdstrike_s2s',
      description: 'Contractor devices need a CrowdStrike Falcon sensor that reports in.',
      match: desktops(),
      input: { state: 'online' },
    },
  ],
  kolide: [{ name: 'Kolide — devices in good standing', type: 'kolide', match: [{ platform: 'mac' }, { platform: 'linux' }], input: { auth_state: ['Good', 'Notified'] } }],
  intune: [{ name: 'Intune — compliant Windows devices', type: 'intune', match: [{ platform: 'windows' }], input: { compliance_status: 'compliant' } }],
  workspace_one: [{ name: 'Workspace ONE — compliant mobile devices', type: 'workspace_one', match: [{ platform: 'ios' }, { platform: 'android' }], input: { compliance_status: 'compliant' } }],
  tanium_s2s: [{ name: 'Tanium — risk score below 70', type: 'tanium_s2s', match: desktops(), input: { total_score: 70, scoreOperator: '<', risk_level: 'medium', operator: '<=' } }],
  sentinelone_s2s: [{ name: 'SentinelOne — agent active, no threats', type: 'sentinelone_s2s', match: desktops(), input: { is_active: true, infected: false, active_threats: 0, operator: '==' } }],
  custom_s2s: [{ name: 'Custom posture score ≥ 70', type: 'custom_s2s', input: { score: 70, operator: '>=' } }],
};

/** Rules that read no integration: the device's own state, checked by the WARP client. */
const DEVICE_RULES: Template[] = [
  { name: 'Windows 11 or later', type: 'os_version', schedule: '1h', match: [{ platform: 'windows' }], input: { operating_system: 'windows', version: '10.0.22000', operator: '>=' } },
  { name: 'Disk encryption on', type: 'disk_encryption', schedule: '5m', expiration: '1h', match: desktops(), input: { requireAll: true, checkDisks: [] } },
  { name: 'Firewall on (macOS)', type: 'firewall', schedule: '5m', match: [{ platform: 'mac' }], input: { operating_system: 'mac', enabled: true } },
  { name: 'WARP client connected', type: 'warp', description: 'The device runs the WARP client and is connected.', schedule: '5m' },
];

function build(ctx: SeedContext, template: Template, connectionId?: string): DevicePostureRuleRecord {
  const { input, ...rest } = structuredClone(template);
  const fullInput = connectionId === undefined ? input : { connection_id: connectionId, ...input };
  const rule: DevicePostureRuleRecord = { id: randomUuid(ctx.rng), ...rest, enabled: ruleEnabled(rest.type, fullInput) };
  if (fullInput) rule.input = fullInput;
  return rule;
}

/**
 * `items` undefined: the rules of the first integration of each type the account has, then the device rules;
 * otherwise exactly `items` rules (the same ones first, then generated rules reading the account's integrations
 * in turn, or device rules when it has none).
 */
export function seedPostureRules(ctx: SeedContext): DevicePostureRuleRecord[] {
  const integrations = ctx.seeded('devicePostureIntegrations') as unknown as DevicePostureIntegrationRecord[];
  const readable = integrations.filter((i) => isIntegrationRuleType(i.type));
  const curated: { template: Template; connectionId?: string }[] = [];
  const seenTypes = new Set<string>();
  for (const integration of readable) {
    if (seenTypes.has(integration.type)) continue;
    seenTypes.add(integration.type);
    for (const template of INTEGRATION_RULES[integration.type as IntegrationRuleType]) curated.push({ template, connectionId: integration.id });
  }
  for (const template of DEVICE_RULES) curated.push({ template });
  const count = ctx.items ?? curated.length;
  const rules: DevicePostureRuleRecord[] = [];
  for (let i = 0; i < count; i++) {
    const preset = curated[i];
    if (preset) {
      rules.push(build(ctx, preset.template, preset.connectionId));
      continue;
    }
    const number = String(i + 1).padStart(5, '0');
    const integration = readable[i % Math.max(readable.length, 1)];
    if (integration) {
      const type = integration.type as IntegrationRuleType;
      const template = INTEGRATION_RULES[type][0] as Template;
      rules.push(build(ctx, { ...template, name: `${POSTURE_VENDOR_NAMES[type]} rule ${number}` }, integration.id));
    } else {
      const template = DEVICE_RULES[i % DEVICE_RULES.length] as Template;
      rules.push(build(ctx, { ...template, name: `${template.name} ${number}` }));
    }
  }
  return rules;
}
