import type { Dispatcher } from 'undici';

export interface DispatcherOptions {
  /** An explicit proxy (VS Code's `http.proxy`); otherwise HTTPS_PROXY / HTTP_PROXY from the environment. */
  readonly proxyUrl?: string;
  /** Extra hosts that bypass the proxy, on top of NO_PROXY. */
  readonly noProxy?: string;
  readonly connectTimeoutMs?: number;
}

// undici is required lazily (activation does not need it) and by module, not through its index: the index
// also loads fetch, WebSocket, EventSource, the caches and the mocks, which the client never uses and which
// were about 40 % of the extension bundle. What is needed: EnvHttpProxyAgent (with Agent, ProxyAgent, Client
// under it) and the dispatcher API (`request`, and `connect`, which ProxyAgent uses for its tunnels), put on
// the Dispatcher prototype exactly as undici's index does. undici is pinned to an exact version in
// package.json; the API tests (client-proxy among them) exercise all of it, so a layout change fails them.

/**
 * The client's own dispatcher: never the global one, so the extension does not change how other
 * extensions in the same host make requests. Loopback always bypasses the proxy (the sandbox).
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const EnvHttpProxyAgent = loadUndici();
  const envNoProxy = process.env.no_proxy ?? process.env.NO_PROXY ?? '';
  const noProxy = ['localhost', '127.0.0.1', '[::1]', envNoProxy, options.noProxy ?? '']
    .filter((x) => x.length > 0)
    .join(',');
  return new EnvHttpProxyAgent({
    ...(options.proxyUrl ? { httpProxy: options.proxyUrl, httpsProxy: options.proxyUrl } : {}),
    noProxy,
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
  });
}

let envHttpProxyAgent: typeof import('undici').EnvHttpProxyAgent | undefined;

/** The parts of undici the client uses, loaded once; see the note at the top. */
function loadUndici(): typeof import('undici').EnvHttpProxyAgent {
  if (!envHttpProxyAgent) {
    /* eslint-disable @typescript-eslint/no-require-imports -- lazy and by module on purpose, see above */
    const dispatcher = require('undici/lib/dispatcher/dispatcher') as typeof import('undici').Dispatcher;
    Object.assign(dispatcher.prototype, require('undici/lib/api') as object);
    envHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent') as typeof import('undici').EnvHttpProxyAgent;
    /* eslint-enable @typescript-eslint/no-require-imports */
  }
  return envHttpProxyAgent;
}
