import { devicePostureIntegrations } from '../devicePostureIntegrations';
import type { PostureIntegration } from '../devicePostureSchemas';
import { isOptionalConfigField, isPostureType, POSTURE_TYPE_LABELS, postureConfigSchemas, secretFieldsOf } from '../devicePostureTypes';
import { accountScopedImportId, setValues, type TerraformAttributes, type TerraformInput, type TerraformResourceSpec } from './spec';

// cloudflare_zero_trust_device_posture_integration: `config` is a single nested attribute in v5 (`config = { … }`;
// v4 wrote a block). GET returns only the non-secret part of config. The provider marks five config fields
// `no_refresh` (client_secret, customer_id, client_key, access_client_id, access_client_secret): it never reads them
// back, so drift skips them. The three secrets become sensitive variables; a required non-secret value the live
// config lacks (Cloudflare does not return `customer_id`, for one) becomes a plain variable the user fills in.

const NO_REFRESH_CONFIG_FIELDS = ['client_secret', 'customer_id', 'client_key', 'access_client_id', 'access_client_secret'] as const;

function postureAttributes(integration: PostureIntegration, accountId: string): TerraformAttributes {
  const { name, type, interval } = integration;
  return {
    account_id: accountId,
    ...setValues({ name, type, interval }),
    ...(integration.config ? { config: setValues(integration.config) } : {}),
  };
}

/** The secrets the descriptor knows this integration stores (Tanium's Access pair only when it has one). */
function secretInputs(integration: PostureIntegration, vendor: string): TerraformInput[] {
  return devicePostureIntegrations.writeOnlyFields(integration).map((path) => ({
    path,
    sensitive: true,
    description: `${vendor} ${path.replace(/^config\./, '')}; Cloudflare accepts it on write and never returns it.`,
  }));
}

/** Required non-secret config fields of the type that the live config does not show. */
function missingValueInputs(integration: PostureIntegration): TerraformInput[] {
  const type = integration.type;
  if (!isPostureType(type)) return [];
  const secrets = new Set(secretFieldsOf(type));
  const shown = integration.config ?? {};
  return Object.keys(postureConfigSchemas[type].shape)
    .filter((field) => !secrets.has(field) && !isOptionalConfigField(type, field) && (shown[field] ?? undefined) === undefined)
    .map((field) => ({
      path: `config.${field}`,
      sensitive: false,
      description: `${POSTURE_TYPE_LABELS[type]} ${field}; required, and Cloudflare did not return it.`,
    }));
}

export const devicePostureIntegrationTerraform: TerraformResourceSpec<PostureIntegration> = {
  resourceType: 'cloudflare_zero_trust_device_posture_integration',
  attributes: postureAttributes,
  inputs: (integration) => {
    const vendor = isPostureType(integration.type) ? POSTURE_TYPE_LABELS[integration.type] : (integration.type ?? 'Provider');
    return [...secretInputs(integration, vendor), ...missingValueInputs(integration)];
  },
  neverReturned: NO_REFRESH_CONFIG_FIELDS.map((field) => `config.${field}`),
  importId: accountScopedImportId,
  objectAttributes: ['config'],
  matchAttributes: ['name'],
};
