import { launchSandbox } from '../../scripts/lib/sandbox-launcher.mjs';

export interface SandboxProcess {
  readonly baseUrl: string;
  readonly controlUrl: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** The user token and first account of the sandbox (fixed: see test/sandbox/README.md). */
export const SANDBOX_TOKEN = 'sandbox-user-token';
export const SANDBOX_ACCOUNT = '4f8a2c6e1b3d5f7a9c0e2b4d6f8a1c3e';

/**
 * The sandbox in its own process (out/sandbox/cli.js, started by scripts/lib/sandbox-launcher.mjs, which esbuild
 * bundles in), so its work of building and serializing responses is not on the event loop being measured: every
 * contender pays it the same, as wall time, but not as client CPU.
 */
export async function startSandboxProcess(root: string, items: number): Promise<SandboxProcess> {
  const sandbox = launchSandbox({ root, args: ['--items', String(items)] });
  const { baseUrl, controlUrl } = await sandbox.ready;
  return { baseUrl, controlUrl, pid: sandbox.pid, stop: sandbox.stop };
}
