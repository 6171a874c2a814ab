import * as z from 'zod';
import { MAX_NAME_LENGTH, readOnlyField, textField } from './fields';
import { POSTURE_TYPE_LABELS, POSTURE_TYPES, postureConfigSchemas, type PostureType } from './devicePostureTypes';

// Schemas of device posture integrations: what Cloudflare returns (tolerant), what create and PATCH
// accept (strict, `config` paired with `type`), and the document the editor shows.

/** Number + m (minutes) or h (hours); zero is not an interval. The form real configurations use: 10m, 1h, 6h, 24h. */
const INTERVAL_PATTERN = /^[1-9][0-9]{0,4}[mh]$/;
const INTERVAL_MESSAGE = 'interval must be a duration such as 10m, 6h or 24h (a number, then m for minutes or h for hours)';
const TYPE_MESSAGE = `type must be one of: ${POSTURE_TYPES.join(', ')}`;

const nameField = () => textField('name', `The name of the device posture integration (at most ${MAX_NAME_LENGTH} characters).`, 'Corp CrowdStrike', MAX_NAME_LENGTH);
const intervalField = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'interval is required' : INTERVAL_MESSAGE) })
    .regex(INTERVAL_PATTERN, { error: INTERVAL_MESSAGE })
    .meta({
      description: 'How often Cloudflare polls the provider: a number, then m (minutes) or h (hours), e.g. "10m" or "24h".',
      examples: ['10m', '24h'],
      // What VS Code's live check says, instead of the raw regular expression.
      errorMessage: INTERVAL_MESSAGE,
    });
const typeField = <T extends PostureType>(type: T) =>
  z.literal(type, { error: TYPE_MESSAGE }).describe(`The provider: ${POSTURE_TYPE_LABELS[type]}. \`config\` must hold the fields of this type.`);

/**
 * The response `config`: only the non-secret subset, and which of it depends on the type. The spec's
 * Workspace-ONE-shaped response config is wrong for the other types, so every field is optional.
 */
export const postureConfigResponseSchema = z
  .looseObject({
    api_url: z.string().nullish(),
    auth_url: z.string().nullish(),
    client_id: z.string().nullish(),
    customer_id: z.string().nullish(),
    access_client_id: z.string().nullish(),
  })
  .describe('The non-secret part of the configuration; Cloudflare never returns secrets.');

/** A device posture integration as returned. The spec requires no field; an unknown `type` still reads. */
export const postureIntegrationSchema = z
  .looseObject({
    id: readOnlyField(z.string(), 'The id of the integration.'),
    name: z.string().optional(),
    type: z.string().optional(),
    interval: z.string().optional(),
    config: postureConfigResponseSchema.nullish(),
  })
  .meta({ title: 'Device posture integration', description: 'A third-party service provider the Cloudflare One client checks posture against.' });
export type PostureIntegration = z.output<typeof postureIntegrationSchema>;

function createVariant<T extends PostureType>(type: T) {
  return z
    .strictObject({ name: nameField(), type: typeField(type), interval: intervalField(), config: postureConfigSchemas[type] })
    .meta({ title: `New ${POSTURE_TYPE_LABELS[type]} integration` });
}

export const postureCreateSchema = z
  .discriminatedUnion('type', [
    createVariant('workspace_one'), createVariant('crowdstrike_s2s'), createVariant('uptycs'), createVariant('intune'),
    createVariant('kolide'), createVariant('tanium_s2s'), createVariant('sentinelone_s2s'), createVariant('custom_s2s'),
  ], { error: TYPE_MESSAGE })
  .meta({ title: 'New device posture integration', description: 'All four fields are required; `config` holds the fields of the chosen `type`, secrets included.' });
export type PostureCreate = z.output<typeof postureCreateSchema>;

/** A PATCH that names the type: every field may be left out, and a `config`, when sent, is checked against that type. */
function updateVariant<T extends PostureType>(type: T) {
  return z
    .strictObject({
      name: nameField().optional(),
      type: typeField(type),
      interval: intervalField().optional(),
      config: postureConfigSchemas[type].optional(),
    })
    .meta({ title: `Update as ${POSTURE_TYPE_LABELS[type]}` });
}

/** Complete config of some type: all a PATCH without `type` can be checked against (the stored type decides). */
const anyPostureConfigSchema = z.union(
  [
    postureConfigSchemas.workspace_one, postureConfigSchemas.crowdstrike_s2s, postureConfigSchemas.uptycs, postureConfigSchemas.intune,
    postureConfigSchemas.kolide, postureConfigSchemas.tanium_s2s, postureConfigSchemas.sentinelone_s2s, postureConfigSchemas.custom_s2s,
  ],
  { error: 'config must be the complete configuration of the integration\'s type, secrets included.' },
);

const updateWithoutType = z
  .strictObject({
    name: nameField().optional(),
    // Must be absent in this branch (scripts/gen-schemas.ts renders that as `not: {}`).
    type: z.literal(undefined).optional(),
    interval: intervalField().optional(),
    config: anyPostureConfigSchema.optional(),
  })
  .meta({ title: 'Update keeping the type' });

/**
 * PATCH body: every field optional. Sending `config` replaces the stored one, so it must be complete for
 * the type, secrets included. With `type` in the body the pairing is checked here; without it, only that
 * `config` is complete for some type (the descriptor's checkEdit checks it against the stored type).
 */
export const postureUpdateSchema = z
  .discriminatedUnion('type', [
    updateVariant('workspace_one'), updateVariant('crowdstrike_s2s'), updateVariant('uptycs'), updateVariant('intune'),
    updateVariant('kolide'), updateVariant('tanium_s2s'), updateVariant('sentinelone_s2s'), updateVariant('custom_s2s'),
    updateWithoutType,
  ], { error: TYPE_MESSAGE })
  .meta({ title: 'Update a device posture integration', description: 'Send only what changes. A config must be complete, secrets included.' });
export type PostureUpdate = z.output<typeof postureUpdateSchema>;

/** The editor's document for one type: config fields described, none required (secrets show a placeholder). */
function editVariant<T extends PostureType>(type: T) {
  return z.looseObject({
    id: readOnlyField(z.string(), 'The id of the integration.'),
    name: nameField(),
    type: typeField(type),
    interval: intervalField(),
    config: z.looseObject(postureConfigSchemas[type].shape).partial().describe(
      'Secrets show a placeholder: leave config unchanged to keep them; to change config, enter every secret again.',
    ),
  });
}

export const postureEditSchema = z
  .discriminatedUnion('type', [
    editVariant('workspace_one'), editVariant('crowdstrike_s2s'), editVariant('uptycs'), editVariant('intune'),
    editVariant('kolide'), editVariant('tanium_s2s'), editVariant('sentinelone_s2s'), editVariant('custom_s2s'),
  ], { error: TYPE_MESSAGE })
  .meta({ title: 'Device posture integration (editor)', description: 'Saving sends only the fields you changed (PATCH).' });
