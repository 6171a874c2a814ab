// Where the API tests send their requests. Normally an in-process sandbox over loopback; for the contract
// check (scripts/contract-check.mjs) prism's validating proxy in front of a sandbox in another process,
// named by CF_TEST_API_BASE and CF_TEST_SANDBOX_CONTROL. Tests drive the sandbox through its HTTP control
// API in both cases, so the same test file runs both ways.
import { CloudflareClient, type ClientOptions } from '../../src/api/client';
import type { Credential } from '../../src/api/credentials';
import type { AccountContext } from '../../src/api/types';
import { SandboxControl } from '../sandbox/control-client';
import { startSandbox, type Sandbox, type SandboxInfo } from '../sandbox/index';

export interface Backend {
  /** Where the client under test sends requests (the sandbox, or prism in front of it). */
  readonly apiBaseUrl: string;
  readonly control: SandboxControl;
  readonly info: SandboxInfo;
  readonly throughPrism: boolean;
  client(options?: ClientOptions): CloudflareClient;
  userToken(): Credential;
  context(client: CloudflareClient, accountIndex?: number): AccountContext;
  close(): Promise<void>;
}

export async function openBackend(): Promise<Backend> {
  const external = process.env.CF_TEST_API_BASE;
  const externalControl = process.env.CF_TEST_SANDBOX_CONTROL;
  let sandbox: Sandbox | undefined;
  let control: SandboxControl;
  let apiBaseUrl: string;
  if (external && externalControl) {
    control = new SandboxControl(externalControl);
    apiBaseUrl = external;
  } else {
    sandbox = await startSandbox({ port: 0 });
    control = new SandboxControl(sandbox.controlUrl);
    apiBaseUrl = sandbox.baseUrl;
  }
  await control.reset();
  const info = await control.info();
  const clients: CloudflareClient[] = [];
  const userToken = (): Credential => ({ kind: 'token', token: info.credentials.userToken });
  return {
    apiBaseUrl,
    control,
    info,
    throughPrism: Boolean(external),
    client: (options) => {
      const client = new CloudflareClient({ baseUrl: apiBaseUrl, ...options });
      clients.push(client);
      return client;
    },
    userToken,
    context: (client, accountIndex = 0) => ({ api: client, credential: userToken(), accountId: info.accounts[accountIndex]?.id ?? '' }),
    close: async () => {
      await Promise.all(clients.map((c) => c.close()));
      await sandbox?.close();
    },
  };
}
