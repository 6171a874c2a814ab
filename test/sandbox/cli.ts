// `npm run sandbox -- --port 8788 [--items N] [--seed N] [--accounts N] [--posture-config-shape live|spec]`
// Runs the sandbox API until SIGINT/SIGTERM. The first line is machine-read by scripts (contract check).
import { startSandbox, type SandboxOptions } from './index';

const USAGE = 'usage: cli.js [--port N (default 8788, 0 = random)] [--items N] [--seed N] [--accounts N] [--posture-config-shape live|spec]';

function parseArgs(argv: string[]): SandboxOptions {
  const options: SandboxOptions = { port: 8788 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const number = () => {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number`);
      i++;
      return n;
    };
    if (flag === '--port') options.port = number();
    else if (flag === '--items') options.items = number();
    else if (flag === '--seed') options.seed = number();
    else if (flag === '--accounts') options.accountCount = number();
    else if (flag === '--posture-config-shape' && (value === 'live' || value === 'spec')) {
      options.postureConfigShape = value;
      i++;
    } else throw new Error(`unknown or incomplete option ${flag}`);
  }
  return options;
}

async function main(): Promise<void> {
  let options: SandboxOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const sandbox = await startSandbox(options);
  console.log(`Sandbox Cloudflare API listening on ${sandbox.baseUrl}`);
  console.log(`Control API: ${sandbox.controlUrl} (faults, requests, reset, state; see test/sandbox/README.md)`);
  console.log('Accounts:');
  for (const account of sandbox.accounts) {
    console.log(`  ${account.id}  ${account.name} (${account.type}${account.features.includes('risk_scoring') ? '' : ', no risk scoring'})`);
  }
  const { userToken, readOnlyToken, noAuditToken, accountToken, accountTokenAccountId, globalKey } = sandbox.credentials;
  console.log('Credentials (sandbox only):');
  console.log(`  user API token:      ${userToken}   (all accounts)`);
  console.log(`  read-only token:     ${readOnlyToken}   (all accounts, reads only)`);
  console.log(`  no-audit token:      ${noAuditToken}   (all accounts, no Account Settings Read: audit log 403)`);
  console.log(`  account-owned token: ${accountToken}   (account ${accountTokenAccountId} only)`);
  console.log(`  Global API Key:      X-Auth-Email: ${globalKey.email}  X-Auth-Key: ${globalKey.key}   (all accounts)`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing the sandbox`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code;
  console.error(code === 'EADDRINUSE' ? `The port is already in use: ${String(error)}` : error);
  process.exit(1);
});
