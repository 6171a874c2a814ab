// Which `config` fields each device posture integration type takes, which of them are write-only secrets,
// and what a response may show. The OpenAPI leaves `config` unrelated to `type`; Cloudflare's server pairs
// them, so the sandbox does too.
import type { PostureType } from './types';
import type { BodyCheck } from './validate';

interface ConfigRule {
  required: readonly string[];
  optional: readonly string[];
}

export const CONFIG_RULES: Record<PostureType, ConfigRule> = {
  workspace_one: { required: ['api_url', 'auth_url', 'client_id', 'client_secret'], optional: [] },
  crowdstrike_s2s: { required: ['api_url', 'customer_id', 'client_id', 'client_secret'], optional: [] },
  uptycs: { required: ['api_url', 'client_key', 'customer_id', 'client_secret'], optional: [] },
  intune: { required: ['customer_id', 'client_id', 'client_secret'], optional: [] },
  kolide: { required: ['client_id', 'client_secret'], optional: [] },
  tanium_s2s: { required: ['api_url', 'client_secret'], optional: ['access_client_id', 'access_client_secret'] },
  sentinelone_s2s: { required: ['api_url', 'client_secret'], optional: [] },
  custom_s2s: { required: ['api_url', 'access_client_id', 'access_client_secret'], optional: [] },
};

/** Stored, never returned. */
export const SECRET_CONFIG_FIELDS: readonly string[] = ['client_secret', 'client_key', 'access_client_secret'];

/** The only config fields a response may carry, when the stored config has them. */
export const PUBLIC_CONFIG_FIELDS: readonly string[] = ['api_url', 'auth_url', 'client_id', 'customer_id', 'access_client_id'];

/**
 * How device posture answers look where Cloudflare's live answers and its OpenAPI disagree.
 * `live`: what Cloudflare returns: the non-secret config fields the integration has; a delete answers `result: null`.
 * `spec`: what the OpenAPI accepts (a validating proxy flags `live`): the config additionally has `api_url`,
 * `auth_url` and `client_id` as "" when the type has none (the spec's response `config` is the Workspace ONE
 * shape with those three required), and a delete answers `result: {id}` (the spec's delete result is an object
 * or a string; its `nullable` does not reach into the `anyOf`).
 */
export type PostureConfigShape = 'live' | 'spec';

/**
 * The config a response shows: the public fields in a fixed order, then any other non-secret field a test planted
 * with `state.insert` (stored configs the API wrote have none). Secrets never appear.
 */
export function publicConfig(config: Record<string, string>, shape: PostureConfigShape): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of PUBLIC_CONFIG_FIELDS) {
    const value = config[field];
    if (value !== undefined) out[field] = value;
    else if (shape === 'spec' && (field === 'api_url' || field === 'auth_url' || field === 'client_id')) out[field] = '';
  }
  for (const [field, value] of Object.entries(config)) {
    if (!PUBLIC_CONFIG_FIELDS.includes(field) && !SECRET_CONFIG_FIELDS.includes(field)) out[field] = value;
  }
  return out;
}

/** The secret field, if any, whose value the sandbox's "provider" refuses: one that starts with `invalid`. */
export function refusedSecretField(config: Record<string, string>): string | undefined {
  return SECRET_CONFIG_FIELDS.find((field) => config[field]?.startsWith('invalid'));
}

/** Checks a complete config for `type` (required fields, string values, no fields of other types). */
export function readConfig(check: BodyCheck, type: PostureType): Record<string, string> {
  const rule = CONFIG_RULES[type];
  const config: Record<string, string> = {};
  check.onlyKnown([...rule.required, ...rule.optional], `a ${type} config`);
  for (const field of rule.required) {
    const value = check.string(field, { required: true, nonEmpty: true });
    if (typeof value === 'string') config[field] = value;
  }
  for (const field of rule.optional) {
    const value = check.string(field, { required: false, nonEmpty: true });
    if (typeof value === 'string') config[field] = value;
  }
  return config;
}
