/**
 * Changes one resource of each benched family through the sandbox's control API, as another admin would between two
 * refreshes: a DLP integration entry switched, a risk scoring integration (de)activated, a device posture
 * integration's interval changed (each gets a fresh `updated_at`). Untimed, before a timed refresh: the extension
 * then reads three answers that differ from the ones it has, and cannot reuse the last answer as a whole.
 */
type Field = { readonly key: string; readonly next: (value: unknown) => unknown };

const FIELDS: Record<string, Field> = {
  dlpIntegrationEntries: { key: 'enabled', next: (value) => value !== true },
  riskScoringIntegrations: { key: 'active', next: (value) => value !== true },
  devicePostureIntegrations: { key: 'interval', next: (value) => (value === '10m' ? '6h' : '10m') },
};

async function recordsOf(controlUrl: string, accountId: string): Promise<Map<string, Record<string, unknown>[]>> {
  const records = new Map<string, Record<string, unknown>[]>();
  for (const family of Object.keys(FIELDS)) {
    const answer = (await (await fetch(`${controlUrl}/state/${family}/${accountId}`)).json()) as { result: Record<string, unknown>[] };
    records.set(family, answer.result);
  }
  return records;
}

async function sent(response: Response, what: string): Promise<unknown> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}`);
  return ((await response.json()) as { result: unknown }).result;
}

/** Reads the families' records once; the returned function makes round `round`'s three changes. */
export async function oneChangePerFamily(controlUrl: string, accountId: string): Promise<(round: number) => Promise<void>> {
  const records = await recordsOf(controlUrl, accountId);
  return async (round) => {
    for (const [family, field] of Object.entries(FIELDS)) {
      const list = records.get(family) ?? [];
      // A different resource each round, spread over the list.
      const record = list[(round * 7919) % list.length];
      if (!record) continue;
      record[field.key] = field.next(record[field.key]);
      await sent(await fetch(`${controlUrl}/state/${family}/${accountId}/${String(record.id)}`, {
        method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ [field.key]: record[field.key] }),
      }), `changing ${family} ${String(record.id)}`);
    }
  };
}

/**
 * The other kind of change: one resource of each family deleted and one created (a copy of it under a new id, at the
 * end of the list), so the number of items stays and the lists' shape changes: the changed bytes run from the deleted
 * item to the end of the list, and the extension matches every item of that run with those it read.
 */
export async function oneReplacedPerFamily(controlUrl: string, accountId: string): Promise<(round: number) => Promise<void>> {
  const records = await recordsOf(controlUrl, accountId);
  return async (round) => {
    for (const family of Object.keys(FIELDS)) {
      const list = records.get(family) ?? [];
      const at = (round * 7919) % list.length;
      const record = list[at];
      if (!record) continue;
      await sent(await fetch(`${controlUrl}/state/${family}/${accountId}/${String(record.id)}`, { method: 'DELETE' }), `deleting ${family} ${String(record.id)}`);
      const { id: _id, ...copy } = record;
      const created = await sent(await fetch(`${controlUrl}/state/${family}/${accountId}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(copy),
      }), `creating a ${family}`);
      list[at] = created as Record<string, unknown>;
    }
  };
}
