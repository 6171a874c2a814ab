// Device posture (third-party service provider) integrations: create needs a config complete for its type,
// PATCH changes only what it carries, and secrets are stored but never returned.
import { ApiError } from '../envelope';
import { publicConfig, readConfig, type PostureConfigShape } from '../posture-config';
import type { AccountData } from '../store';
import { POSTURE_TYPES, type DevicePostureIntegrationRecord, type PostureType } from '../types';
import { BodyCheck } from '../validate';
import { accountOf, DOCS, type ApiRoute, type RouteContext } from './route';

const INTEGRATIONS = '/accounts/:accountId/devices/posture/integration';
const FIELDS = ['name', 'type', 'interval', 'config'] as const;
/** Number + m (minutes) or h (hours), e.g. 10m, 12h; zero is not an interval. */
const INTERVAL = { regex: /^[1-9][0-9]*[mh]$/, hint: 'a number followed by m (minutes) or h (hours), e.g. "10m" or "12h"' };

export function postureResult(integration: DevicePostureIntegrationRecord, shape: PostureConfigShape): Record<string, unknown> {
  const { id, name, type, interval, config } = integration;
  return { id, name, type, interval, config: publicConfig(config, shape) };
}

function find(data: AccountData, id: string): DevicePostureIntegrationRecord {
  const integration = data.postureIntegrations.get(id);
  if (!integration) throw ApiError.notFound('Device posture integration');
  return integration;
}

function create(ctx: RouteContext): DevicePostureIntegrationRecord {
  const { data } = accountOf(ctx);
  const check = BodyCheck.object(ctx.body);
  check.onlyKnown(FIELDS, 'a device posture integration');
  const name = check.string('name', { required: true, nonEmpty: true });
  const type = check.oneOf('type', POSTURE_TYPES, true);
  const interval = check.string('interval', { required: true, pattern: INTERVAL });
  const configCheck = check.nested('config', true);
  // Without a valid type there is nothing to check the config against; the type problem is reported already.
  const config = configCheck && type ? readConfig(configCheck, type) : undefined;
  check.throwIfInvalid();
  const integration: DevicePostureIntegrationRecord = {
    id: ctx.store.newId(),
    name: name as string,
    type: type as PostureType,
    interval: interval as string,
    config: config ?? {},
  };
  data.postureIntegrations.set(integration.id, integration);
  return integration;
}

/** Every field optional; a config, when sent, replaces the stored one and must be complete for the resulting type. */
function update(ctx: RouteContext): DevicePostureIntegrationRecord {
  const { data } = accountOf(ctx);
  const integration = find(data, ctx.params.integrationId ?? '');
  const check = BodyCheck.object(ctx.body);
  check.onlyKnown(FIELDS, 'a device posture integration');
  const name = check.string('name', { required: false, nonEmpty: true });
  const type = check.oneOf('type', POSTURE_TYPES, false);
  const interval = check.string('interval', { required: false, pattern: INTERVAL });
  const newType = type ?? integration.type;
  if (type !== undefined && type !== integration.type && !check.has('config')) {
    check.problem('config', `is required when type changes (a complete ${type} config)`);
  }
  const configCheck = check.nested('config', false);
  const config = configCheck && (type !== undefined || !check.has('type')) ? readConfig(configCheck, newType) : undefined;
  check.throwIfInvalid();
  if (typeof name === 'string') integration.name = name;
  if (typeof interval === 'string') integration.interval = interval;
  integration.type = newType;
  if (config) integration.config = config;
  return integration;
}

export const devicePostureRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: INTEGRATIONS,
    docs: DOCS.devicePosture,
    handle: (ctx) => {
      const all = [...accountOf(ctx).data.postureIntegrations.values()];
      // No paging parameters exist: the whole list is one page, as Cloudflare's result_info describes it.
      const resultInfo = { page: 1, per_page: Math.max(all.length, 20), count: all.length, total_count: all.length };
      return { result: all.map((i) => postureResult(i, ctx.postureConfigShape)), resultInfo };
    },
  },
  { method: 'POST', pattern: INTEGRATIONS, docs: DOCS.devicePosture, handle: (ctx) => ({ result: postureResult(create(ctx), ctx.postureConfigShape) }) },
  {
    method: 'GET',
    pattern: `${INTEGRATIONS}/:integrationId`,
    docs: DOCS.devicePosture,
    handle: (ctx) => ({ result: postureResult(find(accountOf(ctx).data, ctx.params.integrationId ?? ''), ctx.postureConfigShape) }),
  },
  { method: 'PATCH', pattern: `${INTEGRATIONS}/:integrationId`, docs: DOCS.devicePosture, handle: (ctx) => ({ result: postureResult(update(ctx), ctx.postureConfigShape) }) },
  {
    method: 'DELETE',
    pattern: `${INTEGRATIONS}/:integrationId`,
    docs: DOCS.devicePosture,
    // The OpenAPI's delete result is an object or a string, never null (`schemas-id_response`): the deleted id.
    handle: (ctx) => {
      const { data } = accountOf(ctx);
      const { id } = find(data, ctx.params.integrationId ?? '');
      data.postureIntegrations.delete(id);
      return { result: { id } };
    },
  },
];
