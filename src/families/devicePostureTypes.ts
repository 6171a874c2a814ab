import * as z from 'zod';
import { secretField, textField } from './fields';
import { placeholderFor } from './templates';

// The eight device posture integration types and the `config` each one takes. The OpenAPI lists the
// config shapes as an `anyOf` unrelated to `type`; Cloudflare's server pairs them by `type`, so we do
// too. Each config is strict: a field of another type's shape is a mistake, not something to pass on.

export const POSTURE_TYPES = [
  'workspace_one', 'crowdstrike_s2s', 'uptycs', 'intune', 'kolide', 'tanium_s2s', 'sentinelone_s2s', 'custom_s2s',
] as const;
export type PostureType = (typeof POSTURE_TYPES)[number];

export function isPostureType(value: unknown): value is PostureType {
  return typeof value === 'string' && (POSTURE_TYPES as readonly string[]).includes(value);
}

/** The config fields Cloudflare never returns (`x-sensitive` in the spec). */
export const POSTURE_SECRET_FIELDS = ['client_secret', 'client_key', 'access_client_secret'] as const;

const accessClientId = (required: boolean) =>
  textField('access_client_id', `Cloudflare Access service token client id, sent as the CF-Access-Client-Id header to api_url${required ? '' : ' when present'}.`, '88bf3b6d86161464f6509f7219099e57.access');
const accessClientSecret = (required: boolean) =>
  secretField('access_client_secret', `Cloudflare Access service token client secret, sent as the CF-Access-Client-Secret header to api_url${required ? '' : ' when present'}.`);

/** Request-side `config` per type: required fields, secrets and help text, from the spec's *_config_request schemas. */
export const postureConfigSchemas = {
  workspace_one: z.strictObject({
    api_url: textField('api_url', 'The Workspace ONE API URL from the Workspace ONE admin console.', 'https://as123.awmdm.com/API'),
    auth_url: textField('auth_url', 'The Workspace ONE authorization (token) URL for your region.', 'https://na.uemauth.workspaceone.com/connect/token'),
    client_id: textField('client_id', 'The Workspace ONE OAuth client id.'),
    client_secret: secretField('client_secret', 'The Workspace ONE OAuth client secret.'),
  }),
  crowdstrike_s2s: z.strictObject({
    api_url: textField('api_url', 'The CrowdStrike API URL for your cloud.', 'https://api.us-2.crowdstrike.com'),
    customer_id: textField('customer_id', 'The CrowdStrike customer id (CID).'),
    client_id: textField('client_id', 'The CrowdStrike API client id.'),
    client_secret: secretField('client_secret', 'The CrowdStrike API client secret.'),
  }),
  uptycs: z.strictObject({
    // Docs and spec disagree (Cloudflare's Uptycs guide never mentions api_url; the spec requires it): the hover says so.
    api_url: textField('api_url', 'The Uptycs API host, without a scheme. Note: Cloudflare\'s Uptycs guide does not mention api_url, but the official API spec requires it; if Cloudflare refuses the value, its answer on Apply decides.', 'rnd.uptycs.io'),
    client_key: secretField('client_key', 'The Uptycs API key.'),
    customer_id: textField('customer_id', 'The Uptycs customer id.'),
    client_secret: secretField('client_secret', 'The Uptycs API secret.'),
  }),
  intune: z.strictObject({
    customer_id: textField('customer_id', 'The Microsoft Entra tenant (directory) id.'),
    client_id: textField('client_id', 'The application (client) id of the Entra app registration.'),
    client_secret: secretField('client_secret', 'The client secret of the Entra app registration.'),
  }),
  kolide: z.strictObject({
    // Docs and spec disagree (Cloudflare's Kolide guide asks only for a client secret; the spec requires client_id too).
    client_id: textField('client_id', 'The Kolide client id. Note: Cloudflare\'s Kolide guide asks only for a client secret, but the official API spec requires client_id too; if Cloudflare refuses the value, its answer on Apply decides.'),
    client_secret: secretField('client_secret', 'The Kolide client secret.'),
  }),
  tanium_s2s: z.strictObject({
    api_url: textField('api_url', 'The Tanium API (GraphQL gateway) URL.', 'https://your-tanium-api.cloud.tanium.com/plugin/products/gateway/graphql'),
    client_secret: secretField('client_secret', 'The Tanium API token.'),
    access_client_id: accessClientId(false).optional(),
    access_client_secret: accessClientSecret(false).optional(),
  }),
  sentinelone_s2s: z.strictObject({
    api_url: textField('api_url', 'The SentinelOne management console URL.', 'https://example.sentinelone.net'),
    client_secret: secretField('client_secret', 'The SentinelOne API token.'),
  }),
  custom_s2s: z.strictObject({
    api_url: textField('api_url', 'The URL of your posture service.', 'https://posture.example.com/api/v1/devices'),
    access_client_id: accessClientId(true),
    access_client_secret: accessClientSecret(true),
  }),
} as const satisfies Record<PostureType, z.ZodObject>;

export type PostureConfig<T extends PostureType = PostureType> = z.output<(typeof postureConfigSchemas)[T]>;

/** Vendor names for pickers, templates and help. */
export const POSTURE_TYPE_LABELS: Record<PostureType, string> = {
  workspace_one: 'Workspace ONE',
  crowdstrike_s2s: 'CrowdStrike',
  uptycs: 'Uptycs',
  intune: 'Microsoft Intune',
  kolide: 'Kolide',
  tanium_s2s: 'Tanium',
  sentinelone_s2s: 'SentinelOne',
  custom_s2s: 'Custom service provider',
};

/**
 * A codicon per vendor, so a list of integrations reads at a glance. Codicons hold no vendor logos (and logos are
 * their owners' marks); these are distinct shapes, chosen to hint at what each product is.
 */
export const POSTURE_TYPE_ICONS: Record<PostureType, string> = {
  workspace_one: 'device-mobile',
  crowdstrike_s2s: 'shield',
  uptycs: 'pulse',
  intune: 'device-desktop',
  kolide: 'checklist',
  tanium_s2s: 'server-environment',
  sentinelone_s2s: 'eye',
  custom_s2s: 'plug',
};

/** The secrets a type's config takes (required and optional), in the order its schema lists them. */
export function secretFieldsOf(type: PostureType): string[] {
  const fields = Object.keys(postureConfigSchemas[type].shape);
  return fields.filter((field) => (POSTURE_SECRET_FIELDS as readonly string[]).includes(field));
}

/** Whether a config field may be left out for a type (only Tanium's Access service token pair today). */
export function isOptionalConfigField(type: PostureType, field: string): boolean {
  const shape: Record<string, z.ZodType> = postureConfigSchemas[type].shape;
  return shape[field]?.safeParse(undefined).success ?? false;
}


/**
 * A config for a type with every required field set to a placeholder. Optional fields are left out:
 * a placeholder there would be sent as a real Access token.
 */
export function configTemplate(type: PostureType): PostureConfig {
  const schema: z.ZodType<PostureConfig> = postureConfigSchemas[type];
  const fields = Object.keys(postureConfigSchemas[type].shape).filter((field) => !isOptionalConfigField(type, field));
  // Parsed rather than cast: a template that does not fit its own schema is a bug to catch at once.
  return schema.parse(Object.fromEntries(fields.map((field) => [field, placeholderFor(field)])));
}
