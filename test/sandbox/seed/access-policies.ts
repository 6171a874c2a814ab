// Seeded Access reusable policies of one account. Several require or exclude seeded device posture rules with
// the `device_posture: {integration_uid: <posture rule id>}` selector (the API's field name says "integration";
// the value is a posture rule id), one names the seeded Okta identity provider, and one checks no device at all.
import type { SeedContext } from '../family';
import { randomUuid } from '../prng';
import type { AccessIdentityProviderRecord } from './access-identity-providers';
import { slugOf } from './catalog';
import type { DevicePostureRuleRecord } from './posture-rules';
import { seededTimes } from './timestamps';

export type AccessRule = Record<string, Record<string, unknown>>;

export type AccessPolicyRecord = {
  id: string;
  name: string;
  decision: 'allow' | 'deny' | 'non_identity' | 'bypass';
  include: AccessRule[];
  require: AccessRule[];
  exclude: AccessRule[];
  reusable: true;
  app_count: number;
  session_duration: string;
  approval_required: boolean;
  isolation_required: boolean;
  purpose_justification_required: boolean;
  created_at: string;
  updated_at: string;
};

/** The Access selector that requires a device posture rule to have passed. */
export function postureSelector(ruleId: string): AccessRule {
  return { device_posture: { integration_uid: ruleId } };
}

type Draft = Pick<AccessPolicyRecord, 'name' | 'decision' | 'app_count'> & Partial<Pick<AccessPolicyRecord, 'include' | 'require' | 'exclude'>>;

/**
 * `items` undefined: the policies whose rules the account has; otherwise exactly `items`, the same first, then
 * generated ones requiring the rules in turn.
 */
export function seedAccessPolicies(ctx: SeedContext): AccessPolicyRecord[] {
  const rules = ctx.seeded('devicePostureRules') as unknown as DevicePostureRuleRecord[];
  const idps = ctx.seeded('accessIdentityProviders') as unknown as AccessIdentityProviderRecord[];
  const domain = `${slugOf(ctx.account.name)}.example`;
  const crowdstrike = rules.filter((r) => r.type === 'crowdstrike_s2s');
  const corpLaptops = crowdstrike[0];
  const contractors = crowdstrike[1];
  const kolide = rules.find((r) => r.type === 'kolide') ?? rules.find((r) => r.type === 'intune');
  const disk = rules.find((r) => r.type === 'disk_encryption');
  const okta = idps.find((i) => i.type === 'okta');
  const drafts: Draft[] = [];
  if (corpLaptops) drafts.push({ name: 'Employees on corp laptops', decision: 'allow', app_count: 3, include: [{ email_domain: { domain } }], require: [postureSelector(corpLaptops.id)] });
  if (contractors) {
    const require = [postureSelector(contractors.id), ...(disk ? [postureSelector(disk.id)] : [])];
    drafts.push({ name: 'Contractors on managed devices', decision: 'allow', app_count: 1, include: [{ email_domain: { domain: 'partner.example' } }], require });
  }
  if (kolide && okta) {
    drafts.push({ name: 'Engineering via Okta, device checked', decision: 'allow', app_count: 2, include: [{ okta: { name: 'Engineering', identity_provider_id: okta.id } }], require: [postureSelector(kolide.id)] });
  }
  if (disk) drafts.push({ name: 'Block unencrypted devices', decision: 'deny', app_count: 4, include: [{ everyone: {} }], exclude: [postureSelector(disk.id)] });
  drafts.push({ name: 'Partners by email (no device check)', decision: 'allow', app_count: 0, include: [{ email_domain: { domain: 'partner.example' } }, { email: { email: `auditor@${domain}` } }] });

  const count = ctx.items ?? drafts.length;
  const out: AccessPolicyRecord[] = [];
  for (let i = 0; i < count; i++) {
    const rule = rules.length > 0 ? rules[i % rules.length] : undefined;
    const draft = drafts[i] ?? {
      name: `Reusable policy ${String(i + 1).padStart(5, '0')}`,
      decision: 'allow' as const,
      app_count: i % 5,
      include: [{ email_domain: { domain } }],
      require: rule ? [postureSelector(rule.id)] : [],
    };
    out.push({
      id: randomUuid(ctx.rng),
      name: draft.name,
      decision: draft.decision,
      include: draft.include ?? [],
      require: draft.require ?? [],
      exclude: draft.exclude ?? [],
      reusable: true,
      app_count: draft.app_count,
      session_duration: '24h',
      approval_required: false,
      isolation_required: false,
      purpose_justification_required: false,
      ...seededTimes(ctx.rng, i),
    });
  }
  return out;
}
