import * as z from 'zod';
import { CloudflareApiError } from '../api/errors';
import type { AccountContext, ApiResponse, HttpMethod } from '../api/types';
import { accountPath, callForAccount } from '../api/accountRequest';
import { checkedWith, compiledCheck, fastChecked } from '../api/fastCheck';
import { bodyIssuesOf, validateBody } from './validation';
import {
  postureConfigResponseSchema, postureCreateSchema, postureEditSchema, postureIntegrationSchema, postureUpdateSchema,
  type PostureCreate, type PostureIntegration, type PostureUpdate,
} from './devicePostureSchemas';
import {
  configTemplate, isOptionalConfigField, isPostureType, POSTURE_TYPE_ICONS, POSTURE_TYPE_LABELS, POSTURE_TYPES, postureConfigSchemas,
  secretFieldsOf, type PostureType,
} from './devicePostureTypes';
import type { FamilyDescriptor } from './family';
import { integrationUsedBy } from './devicePostureUsedBy';

// Device posture integrations (third-party service providers). Singular `/integration` path, PATCH for
// updates, write-only secrets in `config`, and single results that the contract allows to be null.

const INTEGRATION = 'devices/posture/integration';

/**
 * The contract allows `result: null` on get, create and update. We never hand out a missing integration:
 * it becomes a `badResponse` error, which the draft save already treats as "the create may have happened;
 * list again before retrying".
 */
function requireIntegration(
  response: ApiResponse<PostureIntegration | null | undefined>, method: HttpMethod, path: string,
): PostureIntegration {
  if (response.result) return response.result;
  throw new CloudflareApiError({
    kind: 'badResponse', method, path, status: response.status, ...(response.cfRay ? { cfRay: response.cfRay } : {}),
    reason: 'Cloudflare answered without the device posture integration (result: null); refresh the view to see its state',
  });
}

/**
 * The list as zod checks it, without zod copying every item (see fastCheck.ts); built once. zod's compiler still
 * copies an object nested under .nullish() (`config`) where it only checks, and those copies, dropped at once, take
 * the optimized validator with them at the next GC (their hidden classes die). So the items are checked with
 * `config` left to a check of its own, run on each config as a root, where nothing is copied: the same decision, since
 * an item is valid when the rest of it is and its config is absent, null or a valid config.
 */
const integrationListSchema = ((): z.ZodType<PostureIntegration[] | null | undefined> => {
  const listed = z.array(postureIntegrationSchema).nullish();
  const itemsButConfig = compiledCheck(z.array(postureIntegrationSchema.extend({ config: z.unknown().optional() })).nullish());
  const config = compiledCheck(postureConfigResponseSchema);
  if (!itemsButConfig || !config) return fastChecked(listed);
  const configsValid = (value: unknown): boolean => {
    if (!Array.isArray(value)) return true;
    // Indexed, as zod's check reads it (an array may come without Array.prototype's methods).
    for (let at = 0; at < value.length; at++) {
      const item = value[at] as { config?: unknown };
      if (item.config !== undefined && item.config !== null && !config(item.config)) return false;
    }
    return true;
  };
  return checkedWith(listed, (value) => itemsButConfig(value) && configsValid(value));
})();

/**
 * The whole list. `result` may be null (no integrations). `result_info` is informational only: no page
 * parameters exist, so a `total_count` above the list length is not followed up and not an error.
 */
export async function listDevicePostureIntegrations(ctx: AccountContext): Promise<PostureIntegration[]> {
  const { result } = await callForAccount(ctx, {
    method: 'GET', path: accountPath(ctx.accountId, INTEGRATION), result: integrationListSchema, reuseSameAnswer: true,
  });
  return result ?? [];
}

export async function getDevicePostureIntegration(ctx: AccountContext, integrationId: string): Promise<PostureIntegration> {
  const path = accountPath(ctx.accountId, INTEGRATION, integrationId);
  return requireIntegration(await callForAccount(ctx, { method: 'GET', path, result: postureIntegrationSchema.nullish() }), 'GET', path);
}

export async function createDevicePostureIntegration(ctx: AccountContext, body: PostureCreate): Promise<PostureIntegration> {
  const sent = validateBody(postureCreateSchema, body, 'device posture integration create body');
  const path = accountPath(ctx.accountId, INTEGRATION);
  return requireIntegration(await callForAccount(ctx, { method: 'POST', path, body: sent, result: postureIntegrationSchema.nullish() }), 'POST', path);
}

/** PATCH with only the fields that change; see postureUpdateSchema for what a `config` must hold. */
export async function updateDevicePostureIntegration(ctx: AccountContext, integrationId: string, body: PostureUpdate): Promise<PostureIntegration> {
  const sent = validateBody(postureUpdateSchema, body, 'device posture integration update body');
  const path = accountPath(ctx.accountId, INTEGRATION, integrationId);
  return requireIntegration(await callForAccount(ctx, { method: 'PATCH', path, body: sent, result: postureIntegrationSchema.nullish() }), 'PATCH', path);
}

export async function deleteDevicePostureIntegration(ctx: AccountContext, integrationId: string): Promise<void> {
  // The result is an object, a string or null depending on the day; nothing in it is worth parsing.
  await callForAccount(ctx, { method: 'DELETE', path: accountPath(ctx.accountId, INTEGRATION, integrationId), result: z.unknown() });
}

/** A Tanium integration that stores an Access service token: only then is its optional secret a stored secret. */
function storesOptionalSecrets(resource: PostureIntegration | undefined, type: PostureType): boolean {
  return resource?.type === type && typeof resource.config?.access_client_id === 'string' && resource.config.access_client_id !== '';
}

/** Dotted paths of the write-only secrets of `variant` (or of the resource's own type); none for an unknown type. */
function postureWriteOnlyFields(resource: PostureIntegration | undefined, variant?: string): string[] {
  const type = variant ?? resource?.type;
  if (!isPostureType(type)) return [];
  return secretFieldsOf(type)
    .filter((field) => !isOptionalConfigField(type, field) || storesOptionalSecrets(resource, type))
    .map((field) => `config.${field}`);
}

type EditProblem = { path: (string | number)[]; message: string };

/**
 * Rules the PATCH schema cannot see because it does not know the stored type: a new type needs a new
 * config, and a changed config must fit the type the integration keeps. Mirrors the server's pairing.
 */
function checkPostureEdit(base: PostureIntegration, edited: Readonly<Record<string, unknown>>, changed: readonly string[]): EditProblem[] {
  // A field removed from the document is not sent (PATCH), so the stored value stays: a removed type keeps the
  // stored type (a new config must fit it), and a removed config is not a new config.
  const typeChanged = changed.includes('type') && edited.type !== undefined;
  const configChanged = changed.includes('config') && edited.config !== undefined;
  if (typeChanged && !configChanged && isPostureType(edited.type)) {
    return [{ path: ['type'], message: `Changing the type needs a complete ${edited.type} config (secrets included): replace "config" too.` }];
  }
  // With the type in the body the PATCH schema checks the pairing itself, with exact paths.
  if (!configChanged || typeChanged || !isPostureType(base.type)) return [];
  const parsed = postureConfigSchemas[base.type].safeParse(edited.config);
  if (parsed.success) return [];
  return bodyIssuesOf(parsed.error).map((issue) => ({ path: ['config', ...issue.path], message: `${issue.message} (a ${base.type} config)` }));
}

function postureTemplate(variant?: string): PostureCreate {
  const type = variant ?? POSTURE_TYPES[0];
  if (!isPostureType(type)) throw new Error(`Unknown device posture integration type "${type}".`);
  // Parsed, so a template that does not fit the create schema fails here rather than in a user's draft.
  return postureCreateSchema.parse({ name: POSTURE_TYPE_LABELS[type], type, interval: '10m', config: configTemplate(type) });
}

export const devicePostureIntegrations: FamilyDescriptor<PostureIntegration, PostureCreate, PostureUpdate, 'devicePostureIntegrations'> = {
  id: 'devicePostureIntegrations',
  title: 'Device posture integrations',
  singular: 'device posture integration',
  viewName: 'Device Posture Integrations',
  create: { command: 'newDevicePostureIntegration', title: 'New device posture integration', pickPlaceholder: 'Pick the provider; the draft holds the config fields it needs' },
  variantLabel: (variant) => (isPostureType(variant) ? POSTURE_TYPE_LABELS[variant] : variant),
  schemas: { resource: postureIntegrationSchema, create: postureCreateSchema, update: postureUpdateSchema, edit: postureEditSchema },
  updateMethod: 'PATCH',
  readOnlyFields: ['id'],
  writeOnlyFields: postureWriteOnlyFields,
  canDelete: true,
  templateVariants: POSTURE_TYPES,
  createTemplate: postureTemplate,
  displayName: (integration) => integration.name || integration.id,
  operations: {
    list: listDevicePostureIntegrations,
    get: getDevicePostureIntegration,
    create: createDevicePostureIntegration,
    update: updateDevicePostureIntegration,
    remove: deleteDevicePostureIntegration,
  },
  editableFields: ['name', 'type', 'interval', 'config'],
  // A type added by Cloudflare after this release: its config and secrets are unknown, so a save could drop them.
  isEditable: (integration) => isPostureType(integration.type),
  checkEdit: checkPostureEdit,
  documentSuffix: 'device-posture',
  iconOf: (integration) => (isPostureType(integration.type) ? POSTURE_TYPE_ICONS[integration.type] : 'question'),
  // "CrowdStrike · every 10m" (the vendor's name; the raw type shows in the hover); either part left out when
  // empty. Runs once per row on every paint: no arrays.
  describe: (integration) => {
    const type = isPostureType(integration.type) ? POSTURE_TYPE_LABELS[integration.type] : (integration.type ?? 'unknown type');
    const every = integration.interval ? `every ${integration.interval}` : '';
    return { text: type && every ? `${type} · ${every}` : type || every };
  },
  // The spec states no permission for the reads; Zero Trust Read is what the other families' reads take.
  routes: [INTEGRATION],
  usedBy: integrationUsedBy,
  access: {
    readPermission: 'Zero Trust Read',
    writePermission: 'Zero Trust Write',
    featureName: 'Device posture',
    featureRequirement: 'Cloudflare Zero Trust with device posture',
    learnMoreUrl: 'https://developers.cloudflare.com/cloudflare-one/integrations/service-providers/',
  },
  // Cloudflare checks the provider's credentials on create and on a config change (its 400 / 2046).
  providerCredentials: (document) => {
    const record = typeof document === 'object' && document !== null ? (document as Record<string, unknown>) : {};
    const type = record.type;
    const fields = isPostureType(type) ? Object.keys(postureConfigSchemas[type].shape) : [];
    return { provider: isPostureType(type) ? POSTURE_TYPE_LABELS[type] : 'The provider', fields: fields.map((field) => `config.${field}`) };
  },
  // Third-party evidence only (API.md §6); newer docs file providers under Integrations > Service providers.
  dashboardPath: 'settings/warp-client',
};
