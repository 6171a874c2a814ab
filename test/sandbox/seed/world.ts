// Builds the whole seeded state: accounts, then each account's families in registry order, each from its own
// PRNG stream, so the same seed always gives the same ids and names and adding a family never shifts another.
// A family whose feature the account's plan lacks stays empty. Last, each account's audit log gets a few
// older entries about the seeded records.
import { AuditLog } from '../audit-log';
import type { FamilyDefinition, SeedOutput, StoredRecord } from '../family';
import { createRng, deriveSeed } from '../prng';
import { AccountTables, type FamilyDefinitions, type SeededWorld } from '../store';
import { seedAccounts } from './accounts';
import { seedAuditHistory } from './audit';

export interface SeedOptions {
  seed: number;
  /** Undefined: the hand-picked default data; otherwise exactly this many records per family per account. */
  items: number | undefined;
  accountCount: number;
  families: FamilyDefinitions;
}

function outputOf(seeded: ReturnType<FamilyDefinition['seed']>): SeedOutput {
  return Array.isArray(seeded) ? { records: seeded } : (seeded as SeedOutput);
}

export function seedWorld(options: SeedOptions): SeededWorld {
  const accounts = seedAccounts(options.accountCount);
  const tables = new Map<string, AccountTables>();
  accounts.forEach((account, accountIndex) => {
    const accountTables = new AccountTables();
    const read = (name: string) => [...accountTables.table(name).values()] as StoredRecord[];
    for (const [family, definition] of Object.entries(options.families)) {
      accountTables.table(family); // an empty table even when the feature is missing
      if (definition.feature && !account.features.includes(definition.feature)) continue;
      const rng = createRng(deriveSeed(options.seed, `${account.id}/${definition.stream}`));
      const output = outputOf(definition.seed({ rng, account, accountIndex, items: options.items, seeded: read, side: read }));
      const table = accountTables.table(family);
      for (const record of output.records) table.set(record.id, record as StoredRecord);
      for (const [name, records] of Object.entries(output.side ?? {})) {
        const side = accountTables.table(name);
        for (const record of records) side.set(record.id, record as StoredRecord);
      }
    }
    tables.set(account.id, accountTables);
  });
  const audit = new AuditLog(createRng(deriveSeed(options.seed, 'audit-ids')));
  seedAuditHistory(audit, accounts, tables, options.families, options.seed, Date.now());
  return { accounts, tables, audit };
}
