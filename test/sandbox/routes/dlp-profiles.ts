// DLP profiles (read-only here): custom, predefined and the MIP integration profiles that own the
// integration entries. The `all` query flag is accepted; every profile is already visible in the sandbox.
import { ApiError, ERROR_CODES } from '../envelope';
import { profileResult } from './dlp-serialize';
import { accountOf, apiDocs, uuidParam, type ApiRoute } from './route';

export const dlpProfileRoutes: ApiRoute[] = [
  {
    method: 'GET',
    pattern: '/accounts/:accountId/dlp/profiles',
    docs: apiDocs('dlpProfiles', 'list'),
    handle: (ctx) => {
      const all = ctx.query.get('all');
      if (all !== null && all !== 'true' && all !== 'false') {
        throw ApiError.of(400, ERROR_CODES.invalidQueryParameter, 'all: must be true or false');
      }
      const { data } = accountOf(ctx);
      return { result: [...data.dlpProfiles.values()].map((p) => profileResult(p, data)) };
    },
  },
  {
    method: 'GET',
    pattern: '/accounts/:accountId/dlp/profiles/:profileId',
    docs: apiDocs('dlpProfiles', 'get'),
    handle: (ctx) => {
      const { data } = accountOf(ctx);
      const profile = data.dlpProfiles.get(uuidParam(ctx, 'profileId'));
      if (!profile) throw ApiError.notFound('DLP profile');
      return { result: profileResult(profile, data) };
    },
  },
];
