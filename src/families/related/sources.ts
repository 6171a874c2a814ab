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
 * used-by question (or a family's group names) needs it, and kept with the family lists (see tree/relatedLists.ts).
 * `lasting`: kept across reloads of the family lists, read again only when a list names something it lacks or on an
 * explicit refresh. The DLP profiles are: their payload embeds every entry (as large as the entries list itself),
 * and profiles are created and renamed far less often than a user presses Refresh.
 */
export const relatedSources = {
  accessPolicies: { title: 'Access policies', load: listAccessPolicies, access: { readPermission: 'Access: Apps and Policies Read', writePermission: 'Access: Apps and Policies Write' } },
  gatewayRules: { title: 'Gateway rules', load: listGatewayRules, access: { readPermission: 'Zero Trust Read', writePermission: 'Zero Trust Write' } },
  identityProviders: { title: 'Access identity providers', load: listIdentityProviders, access: { readPermission: 'Access: Organizations, Identity Providers, and Groups Read', writePermission: 'Access: Organizations, Identity Providers, and Groups Write' } },
  dlpProfiles: { title: 'DLP profiles', load: listDlpProfileEntries, lasting: true, access: { readPermission: 'Zero Trust Read', writePermission: 'Zero Trust Write' } },
} as const satisfies Record<string, { title: string; load(ctx: AccountContext): Promise<unknown>; access: RelatedAccess; lasting?: boolean }>;

export type RelatedKey = keyof typeof relatedSources;
export type RelatedData = { readonly [K in RelatedKey]: Awaited<ReturnType<(typeof relatedSources)[K]['load']>> };

export function isRelatedKey(key: string): key is RelatedKey {
  return Object.prototype.hasOwnProperty.call(relatedSources, key);
}

/** Whether a related list survives reloads of the family lists (see `lasting` above). */
export function isLasting(key: RelatedKey): boolean {
  const source = relatedSources[key];
  return 'lasting' in source && source.lasting;
}
