import type { AccountContext } from '../../api/types';
import { listAccessPolicies } from './accessPolicies';
import { listDlpProfileEntries } from './dlpProfileEntries';
import { listGatewayRules } from './gatewayRules';
import { listIdentityProviders } from './identityProviders';

/** What reading a related list needs, as Cloudflare names the permission (shown when the token lacks it). */
export interface RelatedAccess {
  readonly readPermission: string;
  readonly writePermission: string;
}

/**
 * The lists that are not families but say what uses a resource. Each is fetched once per account, the first time a
 * used-by question needs it, and kept with the family lists (see tree/usedByStore.ts).
 */
export const relatedSources = {
  accessPolicies: { title: 'Access policies', load: listAccessPolicies, access: { readPermission: 'Access: Apps and Policies Read', writePermission: 'Access: Apps and Policies Write' } },
  gatewayRules: { title: 'Gateway rules', load: listGatewayRules, access: { readPermission: 'Zero Trust Read', writePermission: 'Zero Trust Write' } },
  identityProviders: { title: 'Access identity providers', load: listIdentityProviders, access: { readPermission: 'Access: Organizations, Identity Providers, and Groups Read', writePermission: 'Access: Organizations, Identity Providers, and Groups Write' } },
  dlpProfiles: { title: 'DLP profiles', load: listDlpProfileEntries, access: { readPermission: 'Zero Trust Read', writePermission: 'Zero Trust Write' } },
} as const satisfies Record<string, { title: string; load(ctx: AccountContext): Promise<unknown>; access: RelatedAccess }>;

export type RelatedKey = keyof typeof relatedSources;
export type RelatedData = { readonly [K in RelatedKey]: Awaited<ReturnType<(typeof relatedSources)[K]['load']>> };

export function isRelatedKey(key: string): key is RelatedKey {
  return Object.prototype.hasOwnProperty.call(relatedSources, key);
}
