import { CloudflareApiError } from '../api/errors';
import type { FamilyDescriptor } from '../families/family';
import { allFamilies } from '../families/registry';
import { listOf } from './text';

/** What a failure means for the user: one plain sentence, the page that helps, and whether trying again can help. */
export interface Explained {
  readonly text: string;
  /** Cloudflare's page for this: the endpoint's API page (permissions) or the feature's page. */
  readonly docsUrl?: string;
  /** A server, network, timeout or rate-limit failure: the same request may work later. */
  readonly retryable: boolean;
}

export interface FailureContext {
  /** What was being done, as the start of a sentence: "Applying "Corp CrowdStrike"", "Loading <a family>". */
  readonly what: string;
  readonly family?: FamilyDescriptor;
  readonly accountName?: string;
  /** Reading (lists, gets) or changing (creates, updates, deletes): decides which permission is named. */
  readonly action?: 'read' | 'write';
  /** The document that was sent, for naming the provider fields to check. */
  readonly document?: unknown;
  /** The permissions of what was read when it is not a family (the audit log, Access policies): named on a 403. */
  readonly access?: { readonly readPermission: string; readonly writePermission: string };
}

/** The family whose route a request path is on (`/accounts/<id>/<route>…`); the longest route wins (a/b/c over a/b). */
function familyOfPath(path: string): FamilyDescriptor | undefined {
  const route = path.replace(/^\/accounts\/[^/]+\//, '');
  let best: { family: FamilyDescriptor; length: number } | undefined;
  for (const family of allFamilies) {
    for (const r of family.routes) {
      if ((route === r || route.startsWith(`${r}/`)) && r.length > (best?.length ?? -1)) best = { family, length: r.length };
    }
  }
  return best?.family;
}

/** The account id of a request path, if it is an account route. */
export function accountIdOfPath(path: string): string | undefined {
  const id = /^\/accounts\/([^/]+)\//.exec(path)?.[1];
  return id === undefined ? undefined : decodeURIComponent(id);
}

const RETRYABLE = new Set(['server', 'network', 'timeout', 'rateLimit', 'badResponse']);

/** Cloudflare's own words, with its code and the request's cf-ray id (what Cloudflare support asks for): "10000: Forbidden, cf-ray …". */
function cloudflareSays(error: CloudflareApiError): string {
  const first = error.errors[0];
  const said = first ? `${first.code}: ${first.message}` : `HTTP ${error.status ?? '?'}`;
  return error.cfRay ? `${said}, cf-ray ${error.cfRay}` : said;
}

/**
 * The one place a failure becomes user-facing text. Each kind is told for what it is: a rejected token is not a
 * missing permission, a missing feature is neither, and a server hiccup says nothing about the token.
 */
export function explainFailure(error: unknown, given: FailureContext): Explained {
  if (!(error instanceof CloudflareApiError)) {
    return { text: `${given.what} failed: ${error instanceof Error ? error.message : String(error)}`, retryable: false };
  }
  // What the caller did not say, the failed request does: its route names the family, its method the action.
  const context: FailureContext = {
    ...given,
    family: given.family ?? familyOfPath(error.path),
    action: given.action ?? (error.method === 'GET' ? 'read' : 'write'),
  };
  const account = context.accountName ?? 'this account';
  const docs = error.errors.find((e) => e.documentation_url)?.documentation_url;
  const access = context.family?.access;
  const permissions = context.access ?? access;
  switch (error.kind) {
    case 'credential':
      return { text: `${context.what} failed: Cloudflare rejected the token for ${account} (${cloudflareSays(error)}). Update the token or sign out.`, retryable: false };
    case 'permission': {
      const permission = permissions ? (context.action === 'write' ? permissions.writePermission : permissions.readPermission) : undefined;
      const needs = permission ? `: the token for ${account} lacks "${permission}", the permission Cloudflare lists for this` : ': the token lacks a permission Cloudflare requires for this';
      const where = docs ? ' (the linked page lists the accepted permissions)' : '';
      return { text: `${context.what} is not allowed${needs}${where}. Cloudflare said ${cloudflareSays(error)}.`, ...(docs ? { docsUrl: docs } : {}), retryable: false };
    }
    case 'feature': {
      const feature = access ? `${access.featureName} is not available on ${account}: it needs ${access.featureRequirement}` : `This is not available on ${account}`;
      return { text: `${feature}. Cloudflare said ${cloudflareSays(error)}.`, ...(access ? { docsUrl: access.learnMoreUrl } : {}), retryable: false };
    }
    case 'providerCredentials': {
      const provider = context.family?.providerCredentials?.(context.document);
      const check = provider && provider.fields.length ? ` Check ${listOf(provider.fields)}.` : '';
      return { text: `${context.what} failed: ${provider?.provider ?? 'The provider'} refused the credentials Cloudflare checked (${cloudflareSays(error)}).${check}`, retryable: false };
    }
    default:
      return { text: `${context.what} failed. ${error.message}`, ...(docs ? { docsUrl: docs } : {}), retryable: RETRYABLE.has(error.kind) };
  }
}
