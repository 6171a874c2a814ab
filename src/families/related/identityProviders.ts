import * as z from 'zod';
import type { AccountContext } from '../../api/types';
import { listAllPages } from './pagedList';

// Access identity providers (`GET /accounts/{id}/access/identity_providers`, `page` / `per_page` up to 1000). A risk
// scoring integration's `reference_id` is, by convention, the id of the Access Okta provider it scores users of.

export const identityProviderSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  type: z.string().optional(),
});
export type IdentityProvider = z.output<typeof identityProviderSchema>;

export function listIdentityProviders(ctx: AccountContext): Promise<IdentityProvider[]> {
  return listAllPages(ctx, 'access/identity_providers', identityProviderSchema, 1000);
}
