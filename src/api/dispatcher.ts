import type { Dispatcher } from 'undici';

export interface DispatcherOptions {
  /** An explicit proxy (VS Code's `http.proxy`); otherwise HTTPS_PROXY / HTTP_PROXY from the environment. */
  readonly proxyUrl?: string;
}

// undici is required lazily, and only through its public entry point. Lazily: activation does not need it, and it is
// most of the bundle, so it is evaluated on the first request (the `import type` above is erased at build time; the
// require in loadUndici is the only place undici is loaded). Public entry only: its internal module paths are not
// an API and may move in any release. The cost is size: the entry is CommonJS and loads all of undici (fetch,
// WebSocket, EventSource, caches, mocks), which esbuild cannot tree-shake (`node scripts/bundle-size.mjs --detail
// undici`). undici is pinned to an exact version in package.json; the API tests (client-proxy among them) exercise
// the dispatcher and the proxy.

/**
 * The client's own dispatcher: never the global one, so the extension does not change how other
 * extensions in the same host make requests. Loopback always bypasses the proxy (the sandbox).
 */
/** How long a TCP (and TLS) connection may take before the attempt fails as a network error. */
const CONNECT_TIMEOUT_MS = 10_000;

export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  const EnvHttpProxyAgent = loadUndici();
  const envNoProxy = process.env.no_proxy ?? process.env.NO_PROXY ?? '';
  const noProxy = ['localhost', '127.0.0.1', '[::1]', envNoProxy]
    .filter((x) => x.length > 0)
    .join(',');
  return new EnvHttpProxyAgent({
    ...(options.proxyUrl ? { httpProxy: options.proxyUrl, httpsProxy: options.proxyUrl } : {}),
    noProxy,
    connect: { timeout: CONNECT_TIMEOUT_MS },
  });
}

let envHttpProxyAgent: typeof import('undici').EnvHttpProxyAgent | undefined;

/** undici's EnvHttpProxyAgent, loaded once on first use; see the note at the top. */
function loadUndici(): typeof import('undici').EnvHttpProxyAgent {
  if (!envHttpProxyAgent) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see the note at the top
    envHttpProxyAgent = (require('undici') as typeof import('undici')).EnvHttpProxyAgent;
  }
  return envHttpProxyAgent;
}
