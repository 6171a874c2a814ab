/**
 * How a request proves who it is. A credential is passed per call and never stored by the client,
 * so one client can serve several accounts at once.
 */
export type Credential =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'globalKey'; readonly email: string; readonly key: string };

/** The request headers for a credential. Kept here so no other module ever spells a secret header. */
export function authHeaders(credential: Credential): Record<string, string> {
  if (credential.kind === 'token') return { authorization: `Bearer ${credential.token}` };
  return { 'x-auth-email': credential.email, 'x-auth-key': credential.key };
}

/** Every secret string a credential holds, so error and log text can be scrubbed of them. */
export function secretsOf(credential: Credential): string[] {
  return credential.kind === 'token' ? [credential.token] : [credential.key];
}
