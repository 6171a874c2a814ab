// Types of sandbox-launcher.mjs, for the TypeScript that imports it (bench/node/sandboxProcess.ts, test/e2e/) and
// for the JSDoc of the module itself. The behaviour is described there.

export interface SandboxLaunchOptions {
  /** The project folder; the CLI run is <root>/out/sandbox/cli.js (built by `node esbuild.mjs --sandbox-only`). */
  readonly root: string;
  /** 127.0.0.1 port to listen on; 0 (the default) for a free one. */
  readonly port?: number;
  /** Further CLI flags, e.g. ['--items', '1000'] or ['--seed', '7']. */
  readonly args?: readonly string[];
  /**
   * What of the sandbox's output goes through to this process: 'all' (stdout and stderr: the accounts and
   * credentials it prints), 'errors' (stderr only; the default) or 'none'. The last few KB are kept in any case,
   * for the error message when it does not start.
   */
  readonly echo?: 'all' | 'errors' | 'none';
  /** How long to wait for the listening line; default 60 000 ms. */
  readonly startTimeoutMs?: number;
}

export interface SandboxEndpoints {
  /** The API base URL, e.g. http://127.0.0.1:8788/client/v4: what cloudflareZt.apiBaseUrl is set to. */
  readonly baseUrl: string;
  /** The control API, e.g. http://127.0.0.1:8788/__sandbox (test/sandbox/control-client.ts). */
  readonly controlUrl: string;
}

export interface SandboxProcess {
  /** The CLI's pid, which is also its process group id. */
  readonly pid: number;
  /**
   * Resolves once the sandbox listens. Rejects, with its output so far, when it exits first or does not listen in
   * time (then it is stopped).
   */
  readonly ready: Promise<SandboxEndpoints>;
  /** Resolves when it has exited: with its exit code, or the name of the signal that ended it. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to its process group (the CLI closes its server and exits 0), SIGKILL after 5 s. Safe to repeat. */
  stop(): Promise<void>;
}

/** Starts the sandbox CLI as a child in its own process group; see sandbox-launcher.mjs. */
export function launchSandbox(options: SandboxLaunchOptions): SandboxProcess;
