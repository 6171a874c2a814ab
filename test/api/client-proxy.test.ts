// Proxy support: the client tunnels through a caller-given proxy or HTTPS_PROXY/HTTP_PROXY, and NO_PROXY
// (plus loopback names) bypass it. The "remote" host is 127.0.0.2, a loopback address that is not on the
// bypass list, so no traffic ever leaves this machine.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { CloudflareClient } from '../../src/api/client';
import { listRiskScoringIntegrations } from '../../src/families/riskScoringIntegrations';
import { startSandbox, type Sandbox } from '../sandbox/index';

/** A CONNECT proxy that records each tunnel's target and forwards it to the sandbox on 127.0.0.1. */
function startProxy(sandboxPort: number): Promise<{ server: Server; url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, socket, head) => {
    tunnels.push(req.url ?? '');
    const upstream = connect(sandboxPort, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    resolve({ server, url: `http://127.0.0.1:${port}`, tunnels });
  }));
}

describe('client through a proxy', () => {
  let sandbox: Sandbox;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const saved = { ...process.env };
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    proxy = await startProxy(sandbox.port);
  });
  after(async () => {
    process.env = saved;
    await sandbox.close();
    await new Promise((r) => proxy.server.close(r));
  });

  const ctx = (client: CloudflareClient) => ({ api: client, credential: { kind: 'token' as const, token: sandbox.credentials.userToken }, accountId: sandbox.accounts[0]?.id ?? '' });
  const remoteBase = () => `http://127.0.0.2:${sandbox.port}/client/v4`;

  test('an explicit proxy URL (VS Code http.proxy) carries the request', async () => {
    proxy.tunnels.length = 0;
    const client = new CloudflareClient({ baseUrl: remoteBase(), proxyUrl: proxy.url, retry: { maxRetries: 0 } });
    assert.ok((await listRiskScoringIntegrations(ctx(client))).length > 0);
    await client.close();
    assert.deepEqual(proxy.tunnels, [`127.0.0.2:${sandbox.port}`]);
  });

  test('HTTP_PROXY / HTTPS_PROXY from the environment are used, and NO_PROXY bypasses them', async () => {
    proxy.tunnels.length = 0;
    process.env.HTTP_PROXY = proxy.url;
    process.env.HTTPS_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    delete process.env.no_proxy;
    const viaEnv = new CloudflareClient({ baseUrl: remoteBase(), retry: { maxRetries: 0 } });
    assert.ok((await listRiskScoringIntegrations(ctx(viaEnv))).length > 0);
    await viaEnv.close();
    assert.equal(proxy.tunnels.length, 1);

    process.env.NO_PROXY = '127.0.0.2';
    const bypassing = new CloudflareClient({ baseUrl: remoteBase(), retry: { maxRetries: 0 } });
    // Direct to 127.0.0.2, where nothing listens: a network error, and the proxy saw nothing.
    await assert.rejects(listRiskScoringIntegrations(ctx(bypassing)), (e: unknown) => (e as { kind?: string }).kind === 'network');
    await bypassing.close();
    assert.equal(proxy.tunnels.length, 1);
  });

  test('the sandbox on 127.0.0.1 is never sent through a proxy', async () => {
    proxy.tunnels.length = 0;
    const client = new CloudflareClient({ baseUrl: sandbox.baseUrl, proxyUrl: proxy.url, retry: { maxRetries: 0 } });
    assert.ok((await listRiskScoringIntegrations(ctx(client))).length > 0);
    await client.close();
    assert.deepEqual(proxy.tunnels, []);
  });
});
