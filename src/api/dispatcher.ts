import type { Dispatcher } from 'undici';

export interface DispatcherOptions {
  /** An explicit proxy (VS Code's `http.proxy`); otherwise HTTPS_PROXY / HTTP_PROXY from the environment. */
  readonly proxyUrl?: string;
  /** Extra hosts that bypass the proxy, on top of NO_PROXY. */
  readonly noProxy?: string;
  readonly connectTimeoutMs?: number;
}

/**
 * The client's own dispatcher: never the global one, so the extension does not change how other
 * extensions in the same host make requests. Loopback always bypasses the proxy (the sandbox).
 * undici is required lazily: it is the largest part of the bundle and the first paint does not need it.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose, see above
  const { EnvHttpProxyAgent } = require('undici') as typeof import('undici');
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
