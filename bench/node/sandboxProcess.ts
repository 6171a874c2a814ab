import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

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
 * The sandbox in its own process (out/sandbox/cli.js), so its work of building and serializing responses is
 * not on the event loop being measured: every contender pays it the same, as wall time, but not as client CPU.
 */
export async function startSandboxProcess(root: string, items: number): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, [resolve(root, 'out/sandbox/cli.js'), '--port', '0', '--items', String(items)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const baseUrl = await new Promise<string>((res, rej) => {
    let buf = '';
    const timer = setTimeout(() => rej(new Error('sandbox did not start within 60 s')), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (buf === null) return;
      buf += chunk.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/client\/v4)/.exec(buf);
      if (m?.[1]) {
        clearTimeout(timer);
        buf = null as unknown as string;
        res(m[1]);
      }
    });
    void exited.then(() => rej(new Error('sandbox exited before listening')));
  });
  child.stdout?.resume();
  return {
    baseUrl,
    controlUrl: baseUrl.replace(/\/client\/v4$/, '/__sandbox'),
    pid: child.pid ?? 0,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
