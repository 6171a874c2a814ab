// DLP profiles (read-only here): custom, predefined and the MIP integration profiles that own the
// integration entries. The `all` query flag is accepted; every profile is already visible in the sandbox.
import { DLP_PROFILES_TABLE, type DlpProfileRecord } from '../dlp-types';
import { ApiError, ERROR_CODES } from '../envelope';
import { profileResult } from './dlp-serialize';
import { accountOf, apiDocs, uuidParam, type ApiRoute } from './route';

const PROFILE = { type: 'dlp_profile', product: 'Zero Trust', label: 'DLP profile' };

export const dlpProfileRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: '/accounts/:accountId/dlp/profiles',
    docs: apiDocs('dlpProfiles', 'list'),
    resource: PROFILE,
    handle: (ctx) => {
      const all = ctx.query.get('all');
      if (all !== null && all !== 'true' && all !== 'false') {
        throw ApiError.of(400, ERROR_CODES.invalidQueryParameter, 'all: must be true or false');
      }
      const { tables } = accountOf(ctx);
      return { result: [...tables.table<DlpProfileRecord>(DLP_PROFILES_TABLE).values()].map((p) => profileResult(p, tables)) };
    },
  },
  {
    method: 'GET',
    pattern: '/accounts/:accountId/dlp/profiles/:profileId',
    docs: apiDocs('dlpProfiles', 'get'),
    resource: PROFILE,
    handle: (ctx) => {
      const { tables } = accountOf(ctx);
      const profile = tables.table<DlpProfileRecord>(DLP_PROFILES_TABLE).get(uuidParam(ctx, 'profileId'));
      if (!profile) throw ApiError.notFound('DLP profile');
      return { result: profileResult(profile, tables) };
    },
  },
];
