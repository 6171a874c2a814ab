// Realistic names the seed draws from. Fixed lists (not random words) so screenshots and test output read
// like a real Cloudflare account.
import type { SandboxAccount, SandboxFeature } from '../types';

/** The first two accounts have fixed ids, so docs and out-of-process tests can name them. */
export const FIXED_ACCOUNTS = [
  { id: '4f8a2c6e1b3d5f7a9c0e2b4d6f8a1c3e', name: 'Acme Corp', type: 'enterprise', created_on: '2019-06-11T14:02:37Z' },
  { id: '9b1d3f5a7c2e4b6d8f0a1c3e5b7d9f2a', name: 'Acme Labs', type: 'standard', created_on: '2022-09-27T08:45:10Z' },
] as const;

/** The features each plan brings: risk scoring is an Enterprise Zero Trust feature. */
export const PLAN_FEATURES = {
  enterprise: ['risk_scoring'],
  standard: [],
} as const satisfies Record<SandboxAccount['type'], readonly SandboxFeature[]>;

/** Names for accounts beyond the fixed two (option `accountCount`). */
export const EXTRA_ACCOUNT_NAMES = [
  'Globex Industries',
  'Initech',
  'Umbrella Research',
  'Stark Logistics',
  'Wayne Biotech',
  'Hooli Cloud',
  'Soylent Foods',
  'Tyrell Systems',
] as const;

/** CASB Microsoft 365 integration names: each one yields a "MIP Sensitivity Labels <name>" profile. */
export function casbTenantNames(accountIndex: number, accountName: string): [string, string] {
  if (accountIndex === 0) return ['Contoso M365', 'Acme Corp EU M365'];
  if (accountIndex === 1) return ['Fabrikam M365', 'Acme Labs Research M365'];
  return [`${accountName} M365`, `${accountName} Secondary M365`];
}

/** Hand-picked Purview label sets for the default seed, one per integration profile (3–5 each). */
export const MIP_LABEL_SETS: readonly (readonly string[])[] = [
  ['Public', 'General', 'Confidential', 'Confidential \\ All Employees', 'Highly Confidential \\ All Employees'],
  ['Confidential', 'Highly Confidential', 'Highly Confidential \\ Recipients Only'],
];

/** Parts for generated labels when `items` asks for more entries than the hand-picked sets hold. */
export const MIP_LEVELS = ['Public', 'General', 'Confidential', 'Highly Confidential', 'Restricted'] as const;
export const MIP_SCOPES = ['All Employees', 'Finance', 'Legal', 'Human Resources', 'Engineering', 'Recipients Only', 'Partners', 'Board'] as const;

export const PREDEFINED_PROFILE = {
  name: 'Credit Card Numbers',
  entries: ['Amex Card Number', 'Diners Club Card Number', 'Mastercard Card Number', 'Union Pay Card Number', 'Visa Card Number'],
} as const;

export const CUSTOM_PROFILE = {
  name: 'Acme Project Codenames',
  description: 'Internal code names and ticket ids that must not leave the company.',
  entries: [
    { name: 'Project Phoenix codename', regex: '\\bPHOENIX-[0-9]{4}\\b' },
    { name: 'Internal ticket id', regex: '\\bACME-[A-Z]{2,5}-[0-9]{3,6}\\b' },
    { name: 'Employee badge number', regex: '\\bEMP[0-9]{6}\\b' },
  ],
  exactData: 'Customer email list (EDM)',
  wordList: { name: 'Confidential project words', words: ['phoenix', 'nightjar', 'bluebird'] },
  documentFingerprint: 'Board meeting minutes template',
} as const;

/** Posture types each fixed account starts with: together the two cover all eight types. */
export const DEFAULT_POSTURE_TYPES = [
  ['crowdstrike_s2s', 'intune', 'kolide', 'workspace_one', 'sentinelone_s2s', 'tanium_s2s'],
  ['uptycs', 'custom_s2s', 'crowdstrike_s2s', 'intune'],
] as const;

export const POSTURE_VENDOR_NAMES = {
  workspace_one: 'Workspace ONE UEM',
  crowdstrike_s2s: 'CrowdStrike Falcon',
  uptycs: 'Uptycs',
  intune: 'Microsoft Intune',
  kolide: 'Kolide',
  tanium_s2s: 'Tanium',
  sentinelone_s2s: 'SentinelOne',
  custom_s2s: 'Custom posture service',
} as const;

export const POSTURE_INTERVALS = ['5m', '10m', '15m', '30m', '1h', '6h', '12h', '24h'] as const;

/** "Acme Corp" -> "acme-corp": used in tenant URLs and vendor hostnames. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
