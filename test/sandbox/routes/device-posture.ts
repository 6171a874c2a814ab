// Device posture (third-party service provider) integrations: create needs a config complete for its type,
// PATCH changes only what it carries, secrets are stored but never returned, and a config whose secret the
// provider refuses (the sandbox's rule: it starts with "invalid") is a 400 / 2046, as Cloudflare tests the
// credentials before saving. Delete answers null.
import { ApiError, ERROR_CODES } from '../envelope';
import { defineFamily } from '../family';
import { publicConfig, readConfig, refusedSecretField, type PostureConfigShape } from '../posture-config';
import { POSTURE_VENDOR_NAMES } from '../seed/catalog';
import { seedPosture } from '../seed/posture';
import type { FamilyTable } from '../store';
import { POSTURE_TYPES, type DevicePostureIntegrationRecord, type PostureType } from '../types';
import { BodyCheck, isJsonObject } from '../validate';
import { apiDocs, familyTable, type ApiRoute, type RouteContext } from './route';

const FAMILY = 'devicePostureIntegrations';
type Table = FamilyTable<DevicePostureIntegrationRecord>;
const tableOf = (ctx: RouteContext): Table => familyTable<DevicePostureIntegrationRecord>(ctx, FAMILY);

const INTEGRATIONS = '/accounts/:accountId/devices/posture/integration';
const FIELDS = ['name', 'type', 'interval', 'config'] as const;
/** Number + m (minutes) or h (hours), e.g. 10m, 12h; zero is not an interval. */
const INTERVAL = { regex: /^[1-9][0-9]*[mh]$/, hint: 'a number followed by m (minutes) or h (hours), e.g. "10m" or "12h"' };
/** Keys Cloudflare's answers carry beyond the OpenAPI's five, with the values seen on the live API. */
const LIVE_EXTRAS: readonly [string, () => unknown][] = [
  ['identifier', () => ''],
  ['schema', () => ({})],
  ['test_results', () => ({})],
];

function isPostureType(value: unknown): value is PostureType {
  return typeof value === 'string' && (POSTURE_TYPES as readonly string[]).includes(value);
}

/**
 * One integration as every answer (list, get, create, PATCH) shows it: the stored fields, including any a test
 * planted with `state.insert`, the config without its secrets, and `identifier`, `schema`, `test_results`.
 */
export function postureResult(integration: DevicePostureIntegrationRecord, shape: PostureConfigShape): Record<string, unknown> {
  const { config, ...rest } = integration as DevicePostureIntegrationRecord & Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest };
  if (isJsonObject(config)) out.config = publicConfig(config as Record<string, string>, shape);
  else if (config !== undefined) out.config = config;
  for (const [key, fallback] of LIVE_EXTRAS) if (!(key in out)) out[key] = fallback();
  return out;
}

/** Cloudflare tests the provider credentials before it saves; the sandbox's provider refuses secrets starting with "invalid". */
function assertProviderAccepts(type: PostureType, config: Record<string, string>): void {
  if (refusedSecretField(config) === undefined) return;
  throw ApiError.of(400, ERROR_CODES.postureCredentialsRefused, `invalid posture integration request: invalid credentials: ${POSTURE_VENDOR_NAMES[type]} rejected the client credentials`);
}

function find(table: Table, id: string): DevicePostureIntegrationRecord {
  const integration = table.get(id);
  if (!integration) throw ApiError.notFound('Device posture integration');
  return integration;
}

function create(ctx: RouteContext): DevicePostureIntegrationRecord {
  const check = BodyCheck.object(ctx.body);
  check.onlyKnown(FIELDS, 'a device posture integration');
  const name = check.string('name', { required: true, nonEmpty: true });
  const type = check.oneOf('type', POSTURE_TYPES, true);
  const interval = check.string('interval', { required: true, pattern: INTERVAL });
  const configCheck = check.nested('config', true);
  // Without a valid type there is nothing to check the config against; the type problem is reported already.
  const config = configCheck && type ? readConfig(configCheck, type) : undefined;
  check.throwIfInvalid();
  assertProviderAccepts(type as PostureType, config ?? {});
  const integration: DevicePostureIntegrationRecord = {
    id: ctx.store.newId(),
    name: name as string,
    type: type as PostureType,
    interval: interval as string,
    config: config ?? {},
  };
  return tableOf(ctx).create(integration);
}

/** Every field optional; a config, when sent, replaces the stored one and must be complete for the resulting type. */
function update(ctx: RouteContext): DevicePostureIntegrationRecord {
  const integration = find(tableOf(ctx), ctx.params.integrationId ?? '');
  const check = BodyCheck.object(ctx.body);
  check.onlyKnown(FIELDS, 'a device posture integration');
  const name = check.string('name', { required: false, nonEmpty: true });
  const type = check.oneOf('type', POSTURE_TYPES, false);
  const interval = check.string('interval', { required: false, pattern: INTERVAL });
  const newType = type ?? integration.type;
  if (type !== undefined && type !== integration.type && !check.has('config')) {
    check.problem('config', `is required when type changes (a complete ${type} config)`);
  }
  // A record planted with an unknown type (state.insert) can be renamed, but a config needs a known type.
  const knownType = isPostureType(newType);
  if (check.has('config') && !check.has('type') && !knownType) {
    check.problem('type', `is required with a config: the stored type ${JSON.stringify(newType)} is not one of ${POSTURE_TYPES.join(', ')}`);
  }
  const configCheck = check.nested('config', false);
  const config = configCheck && knownType && (type !== undefined || !check.has('type')) ? readConfig(configCheck, newType) : undefined;
  check.throwIfInvalid();
  if (config) assertProviderAccepts(newType, config);
  if (typeof name === 'string') integration.name = name;
  if (typeof interval === 'string') integration.interval = interval;
  integration.type = newType;
  if (config) integration.config = config;
  return integration;
}

const devicePostureRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: INTEGRATIONS,
    docs: apiDocs('devicePosture', 'list'),
    handle: (ctx) => {
      const all = tableOf(ctx).list();
      // No paging parameters exist: the whole list is one page, as Cloudflare's result_info describes it.
      const resultInfo = { page: 1, per_page: Math.max(all.length, 20), count: all.length, total_count: all.length };
      return { result: all.map((i) => postureResult(i, ctx.postureConfigShape)), resultInfo };
    },
  },
  {
    method: 'POST',
    pattern: INTEGRATIONS,
    docs: apiDocs('devicePosture', 'create'),
    handle: (ctx) => ({ result: postureResult(create(ctx), ctx.postureConfigShape) }),
  },
  {
    method: 'GET',
    pattern: `${INTEGRATIONS}/:integrationId`,
    docs: apiDocs('devicePosture', 'get'),
    handle: (ctx) => ({ result: postureResult(find(tableOf(ctx), ctx.params.integrationId ?? ''), ctx.postureConfigShape) }),
  },
  {
    method: 'PATCH',
    pattern: `${INTEGRATIONS}/:integrationId`,
    docs: apiDocs('devicePosture', 'edit'),
    handle: (ctx) => ({ result: postureResult(update(ctx), ctx.postureConfigShape) }),
  },
  {
    method: 'DELETE',
    pattern: `${INTEGRATIONS}/:integrationId`,
    docs: apiDocs('devicePosture', 'delete'),
    // Cloudflare answers `result: null` (its own API mocks and recordings). The OpenAPI's delete result is
    // `anyOf: [object, string]` with `nullable: true` beside it, which under OpenAPI 3.0 rules does not admit
    // null (nullable only widens `type`; the anyOf still has to match), so the `spec` shape answers `{id}`.
    handle: (ctx) => {
      const table = tableOf(ctx);
      const { id } = find(table, ctx.params.integrationId ?? '');
      table.remove(id);
      return { result: ctx.postureConfigShape === 'spec' ? { id } : null };
    },
  },
];

export const devicePostureIntegrations = defineFamily<DevicePostureIntegrationRecord>({
  stream: 'posture',
  resource: { type: 'device_posture_integration', product: 'Zero Trust', label: 'device posture integration', path: 'devices/posture/integration', updateMethod: 'PATCH' },
  writeFields: FIELDS,
  present: (record) => postureResult(record as unknown as DevicePostureIntegrationRecord, 'live'),
  seed: (ctx) => [...seedPosture(ctx.rng, ctx.accountIndex, ctx.account.name, ctx.items).values()],
  routes: devicePostureRoutes,
});
