// Seeded Zero Trust Gateway rules of one account. Several check seeded device posture rules in their
// `device_posture` expression (`any(device_posture.checks.passed[*] in {"<rule id>" …})`, once `failed`), one
// HTTP rule blocks a seeded DLP integration profile in `traffic` (`any(dlp.profiles[*] in {"<profile id>"})`),
// and a DNS rule references nothing. Expressions are in the form the API returns them.
import { DLP_PROFILES_TABLE, type DlpProfileRecord } from '../dlp-types';
import type { SeedContext } from '../family';
import { randomUuid } from '../prng';
import { slugOf } from './catalog';
import type { DevicePostureRuleRecord } from './posture-rules';
import { seededTimes } from './timestamps';

export type GatewayRuleRecord = {
  id: string;
  name: string;
  description: string;
  precedence: number;
  enabled: boolean;
  action: 'allow' | 'block' | 'isolate';
  filters: ['http' | 'dns' | 'l4'];
  traffic: string;
  identity: string;
  device_posture: string;
  rule_settings: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  deleted_at: null;
  version: number;
  read_only: boolean;
  sharable: boolean;
  warning_status: null;
};

/** The posture expression of a Gateway rule over some posture rule ids. */
export function postureExpression(ruleIds: readonly string[], outcome: 'passed' | 'failed' = 'passed'): string {
  return `any(device_posture.checks.${outcome}[*] in {${ruleIds.map((id) => JSON.stringify(id)).join(' ')}})`;
}

/** The traffic expression of an HTTP rule matching DLP profiles. */
export function dlpExpression(profileIds: readonly string[]): string {
  return `any(dlp.profiles[*] in {${profileIds.map((id) => JSON.stringify(id)).join(' ')}})`;
}

type Draft = Pick<GatewayRuleRecord, 'name' | 'description' | 'action' | 'filters' | 'traffic'> & Partial<Pick<GatewayRuleRecord, 'identity' | 'device_posture' | 'enabled' | 'rule_settings'>>;

/**
 * `items` undefined: the rules whose posture rules and DLP profile the account has, and the DNS rule; otherwise
 * exactly `items`, the same first, then generated HTTP rules checking the posture rules in turn.
 */
export function seedGatewayRules(ctx: SeedContext): GatewayRuleRecord[] {
  const rules = ctx.seeded('devicePostureRules') as unknown as DevicePostureRuleRecord[];
  const profiles = ctx.side(DLP_PROFILES_TABLE) as unknown as DlpProfileRecord[];
  const slug = slugOf(ctx.account.name);
  const crowdstrike = rules.filter((r) => r.type === 'crowdstrike_s2s');
  const disk = rules.find((r) => r.type === 'disk_encryption');
  const firewall = rules.find((r) => r.type === 'firewall');
  const mip = profiles.find((p) => p.type === 'integration');
  const drafts: Draft[] = [];
  if (crowdstrike[0]) {
    drafts.push({
      name: 'Finance apps: corp laptops only',
      description: 'Finance apps need a laptop passing the CrowdStrike posture check.',
      action: 'allow',
      filters: ['http'],
      traffic: `any(http.request.domains[*] in {"finance.${slug}.example"})`,
      device_posture: postureExpression([crowdstrike[0].id]),
    });
  }
  if (crowdstrike[1]) {
    drafts.push({
      name: 'SSH for contractors on managed devices',
      description: 'Contractors reach SSH only from devices passing their posture checks.',
      action: 'allow',
      filters: ['l4'],
      traffic: 'net.dst.port == 22',
      identity: 'any(identity.groups.name[*] in {"Contractors"})',
      device_posture: postureExpression([crowdstrike[1].id, ...(disk ? [disk.id] : [])]),
    });
  }
  if (firewall) {
    drafts.push({
      name: 'Isolate browsing without a firewall',
      description: 'Devices whose firewall check fails browse in the remote browser.',
      action: 'isolate',
      filters: ['http'],
      traffic: 'any(http.request.uri.content_category[*] in {164})',
      device_posture: postureExpression([firewall.id], 'failed'),
      enabled: false,
    });
  }
  if (mip) {
    drafts.push({
      name: 'Block uploads of labelled documents',
      description: `Blocks files matching the DLP profile "${mip.name}".`,
      action: 'block',
      filters: ['http'],
      traffic: dlpExpression([mip.id]),
      rule_settings: { block_page_enabled: true, block_reason: 'This file carries a sensitivity label.' },
    });
  }
  drafts.push({
    name: 'Block security threats',
    description: 'DNS: malware, phishing and other security categories.',
    action: 'block',
    filters: ['dns'],
    traffic: 'any(dns.security_category[*] in {68 178 80 83 176 175 117 131 134 151 153})',
  });

  const count = ctx.items ?? drafts.length;
  const out: GatewayRuleRecord[] = [];
  for (let i = 0; i < count; i++) {
    const rule = rules.length > 0 ? rules[i % rules.length] : undefined;
    const draft = drafts[i] ?? {
      name: `HTTP rule ${String(i + 1).padStart(5, '0')}`,
      description: '',
      action: 'allow' as const,
      filters: ['http'] as ['http'],
      traffic: `any(http.request.domains[*] in {"app${i + 1}.${slug}.example"})`,
      device_posture: rule ? postureExpression([rule.id]) : '',
    };
    out.push({
      id: randomUuid(ctx.rng),
      name: draft.name,
      description: draft.description,
      precedence: (i + 1) * 1000,
      enabled: draft.enabled ?? true,
      action: draft.action,
      filters: draft.filters,
      traffic: draft.traffic,
      identity: draft.identity ?? '',
      device_posture: draft.device_posture ?? '',
      rule_settings: draft.rule_settings ?? {},
      ...seededTimes(ctx.rng, i),
      deleted_at: null,
      version: 1,
      read_only: false,
      sharable: false,
      warning_status: null,
    });
  }
  return out;
}
