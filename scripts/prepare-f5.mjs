// Last step of the F5 preLaunchTask (.vscode/tasks.json): says how the F5 window reaches the sandbox, which
// the build + sandbox tasks before it have just made ready (launch.json passes the URL to the extension).
const BASE_URL = 'http://127.0.0.1:8788/client/v4';

let token = 'sandbox-user-token';
try {
  const info = await (await fetch(BASE_URL.replace(/\/client\/v4$/, '/__sandbox/info'), { signal: AbortSignal.timeout(3000) })).json();
  token = info?.result?.credentials?.userToken ?? token;
} catch (error) {
  console.error(`prepare-f5: no sandbox answers on ${BASE_URL} (${error instanceof Error ? error.message : String(error)})`);
  process.exit(1);
}

console.log(`Sandbox Cloudflare API: ${BASE_URL} (the F5 window uses it through CLOUDFLARE_ZT_DEV_API_BASE_URL)
In the F5 window: Cloudflare Zero Trust icon > Sign in with an API token > ${token}`);
