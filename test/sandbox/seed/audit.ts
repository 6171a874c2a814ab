// Seeded audit history: a few older changes to the first records of every family in every account, so a
// client has a "who changed it" answer before anything happens. Each is an update by another admin in the
// dashboard or by the default user token's user, days before the sandbox started (relative to now, so a
// client's usual "last N days" window sees them), with the request that would have made the current state.
import { actionDescription, ANOTHER_ADMIN, auditObject, DASHBOARD_USER_AGENT, foreignRay, writeBodyOf, type AuditActor, type AuditLog } from '../audit-log';
import { defaultUserActor } from '../auth';
import type { StoredRecord } from '../family';
import { createRng, deriveSeed } from '../prng';
import type { AccountTables, FamilyDefinitions } from '../store';
import type { SandboxAccount } from '../types';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Which record (by list position) changed how long ago, and by whom. */
const HISTORY: readonly { record: number; daysAgo: number; by: 'dashboard' | 'token' }[] = [
  { record: 0, daysAgo: 30, by: 'dashboard' },
  { record: 1, daysAgo: 12, by: 'dashboard' },
  { record: 0, daysAgo: 3, by: 'token' },
];

export function seedAuditHistory(log: AuditLog, accounts: readonly SandboxAccount[], tables: ReadonlyMap<string, AccountTables>, families: FamilyDefinitions, seed: number, nowMs: number): void {
  const userActor = defaultUserActor();
  accounts.forEach((account, accountIndex) => {
    const accountTables = tables.get(account.id);
    if (!accountTables) return;
    const rng = createRng(deriveSeed(seed, `${account.id}/audit`));
    const entries: { timeMs: number; add: () => void }[] = [];
    Object.entries(families).forEach(([family, definition], familyIndex) => {
      const records = [...accountTables.table(family).values()].filter((r) => !definition.belongs || definition.belongs(r)) as StoredRecord[];
      for (const change of HISTORY) {
        const record = records[change.record];
        if (!record) continue;
        const presented = definition.present ? definition.present(record) : record;
        const actor: AuditActor = change.by === 'dashboard' ? { ...ANOTHER_ADMIN } : { ...userActor };
        const { resource } = definition;
        const timeMs = Math.floor(nowMs / 1000) * 1000 - change.daysAgo * DAY_MS - familyIndex * HOUR_MS - accountIndex * 60_000;
        const request = writeBodyOf(presented, definition.writeFields);
        const response = auditObject(presented);
        const cfRay = foreignRay(rng);
        entries.push({
          timeMs,
          add: () =>
            log.add(
              account.id,
              {
                account: { id: account.id, name: account.name },
                action: { type: 'update', result: 'success', description: actionDescription('update', resource.label) },
                actor,
                resource: { id: record.id, type: resource.type, product: resource.product, ...(request ? { request } : {}), ...(response ? { response } : {}) },
                raw: {
                  method: resource.updateMethod,
                  uri: `/client/v4/accounts/${account.id}/${resource.path}/${record.id}`,
                  status_code: 200,
                  cf_ray_id: cfRay,
                  user_agent: change.by === 'dashboard' ? DASHBOARD_USER_AGENT : 'curl/8.5.0',
                },
              },
              timeMs,
            ),
        });
      }
    });
    // Oldest first, so the log's numbering follows time.
    for (const entry of entries.sort((a, b) => a.timeMs - b.timeMs)) entry.add();
  });
}
