// `timeline [items] [refreshes]`: where the wall time of single refreshes goes, the extension's and the floor's, each
// after one change per family (see churn.ts). Printed, not saved: a line per refresh with, in ms from its start, when
// each answer's last byte was read (undici's diagnostics channel `undici:request:trailers`) and, for the extension,
// when each family's cache had its new list (the caches' change event), then the total.
import diagnostics from 'node:diagnostics_channel';
import type { AccountCaches } from '../../src/tree/accountCaches';
import type { Contender } from './contenders';

interface Traced {
  readonly request: { readonly path: string };
}

export async function timeline(
  extension: Contender & { readonly caches: AccountCaches }, floor: Contender, refreshes: number, beforeEach: () => Promise<void>,
): Promise<void> {
  let started = 0;
  let events: string[] = [];
  const at = (): string => (performance.now() - started).toFixed(1);
  const listOf = (path: string): string => path.replace(/^.*\/accounts\/[^/]+\//, '');
  const onTrailers = (message: unknown): void => {
    events.push(`answer ${listOf((message as Traced).request.path)} @${at()}`);
  };
  diagnostics.subscribe('undici:request:trailers', onTrailers);
  const subscription = extension.caches.onDidChange(({ familyId }) => events.push(`cache ${familyId} @${at()}`));
  const lines: Record<string, string[]> = {};
  try {
    for (let n = 0; n < refreshes; n++) {
      await beforeEach();
      for (const contender of [extension, floor]) {
        events = [];
        started = performance.now();
        await contender.refresh();
        (lines[contender.name] ??= []).push(`${at()} ms | ${events.join(', ')}`);
      }
    }
  } finally {
    diagnostics.unsubscribe('undici:request:trailers', onTrailers);
    subscription.dispose();
  }
  for (const [name, list] of Object.entries(lines)) {
    console.log(`${name}:`);
    for (const line of list) console.log(`  ${line}`);
  }
}
