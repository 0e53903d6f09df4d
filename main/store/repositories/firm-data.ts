import type { Db } from '../open';

/**
 * Every row of one firm, whatever table holds it: the end of a contract exports and then removes them all. The
 * tables are found from the schema itself (not a list kept by hand), so a table added later by a migration is
 * covered as soon as it names its firm:
 * - `firms` itself (id), tables with a `firm_id` column, tables whose `id` is the firm's (a foreign key to
 *   firms, or firm_invoicing, keyed by the firm's id without one);
 * - tables without a firm column whose foreign key points to a row of such a table (a message's recipients, a
 *   call's holds, an agenda's busy blocks, an invoice's PDF).
 * Identifiers come from sqlite_master and are double-quoted; every value is a bound parameter (@firmId).
 */
export interface FirmScope {
  table: string;
  /** A WHERE clause over @firmId. */
  where: string;
  /** 0: through a parent's rows (delete before the parent), 1: firm_id, 2: keyed by the firm's id, 3: firms. */
  order: number;
}

/**
 * Kept whatever happens to the firm: issued invoices, their PDFs and payments (accounting, 10 years); the audit
 * log (ids and counts); the erasure tombstones of rights requests (HMACs only, re-applied after a restore).
 */
export const KEPT_TABLES: ReadonlySet<string> = new Set([
  'invoices',
  'invoice_files',
  'invoice_payments',
  'audit_log',
  'erasure_tombstones',
]);

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export function firmScopes(db: Db): FirmScope[] {
  const tables = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const ordinary = tables.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
  const columns = new Map(
    ordinary.map((t) => [
      t.name,
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(t.name)
        .map((c) => c.name),
    ]),
  );
  const foreignKeys = (table: string) =>
    db
      .prepare<[string], { table: string; from: string; to: string | null }>(
        'SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)',
      )
      .all(table);

  const direct = new Map<string, FirmScope>();
  for (const { name } of ordinary) {
    const cols = columns.get(name) ?? [];
    if (name === 'firms') direct.set(name, { table: name, where: 'id = @firmId', order: 3 });
    else if (cols.includes('firm_id')) direct.set(name, { table: name, where: 'firm_id = @firmId', order: 1 });
    else if (name === 'firm_invoicing' || foreignKeys(name).some((fk) => fk.table === 'firms' && fk.from === 'id')) {
      direct.set(name, { table: name, where: 'id = @firmId', order: 2 });
    }
  }
  const scopes = [...direct.values()];
  for (const { name } of ordinary) {
    if (direct.has(name)) continue;
    const through = foreignKeys(name)
      .filter((fk) => direct.has(fk.table) && fk.table !== 'firms')
      .map(
        (fk) =>
          `${quote(fk.from)} IN (SELECT ${quote(fk.to ?? 'id')} FROM ${quote(fk.table)} WHERE ${direct.get(fk.table)!.where})`,
      );
    if (through.length > 0) scopes.push({ table: name, where: through.join(' OR '), order: 0 });
  }
  return scopes.sort((a, b) => a.order - b.order || a.table.localeCompare(b.table));
}

/** Reads and removes one firm's rows through its scopes. */
export function createFirmDataRepository(db: Db) {
  const scopes = () => firmScopes(db);
  return {
    scopes,
    /** Rows per table (tables without rows for the firm included, at 0). */
    counts(firmId: string): Record<string, number> {
      const counts: Record<string, number> = {};
      for (const scope of scopes()) {
        counts[scope.table] = db
          .prepare(`SELECT count(*) FROM ${quote(scope.table)} WHERE ${scope.where}`)
          .pluck()
          .get({ firmId }) as number;
      }
      return counts;
    },
    /** One table's rows for the firm, one at a time (a firm's ten years of messages are not loaded at once). */
    rows(scope: FirmScope, firmId: string): IterableIterator<Record<string, unknown>> {
      return db
        .prepare(`SELECT * FROM ${quote(scope.table)} WHERE ${scope.where}`)
        .iterate({ firmId }) as IterableIterator<Record<string, unknown>>;
    },
    /**
     * Removes every row of the firm except KEPT_TABLES', search index rows first; the caller owns the
     * transaction. Foreign keys are checked at its commit (defer_foreign_keys), so the order between tables that
     * point at each other does not matter; rows reached through a parent go before the parent.
     */
    remove(firmId: string): Record<string, number> {
      db.pragma('defer_foreign_keys = ON');
      db.prepare('DELETE FROM messages_fts WHERE rowid IN (SELECT search_key FROM messages WHERE firm_id = ?)').run(
        firmId,
      );
      db.prepare('DELETE FROM contacts_fts WHERE rowid IN (SELECT seq FROM contacts WHERE firm_id = ?)').run(firmId);
      const removed: Record<string, number> = {};
      for (const scope of scopes()) {
        if (KEPT_TABLES.has(scope.table)) continue;
        removed[scope.table] = db
          .prepare(`DELETE FROM ${quote(scope.table)} WHERE ${scope.where}`)
          .run({ firmId }).changes;
      }
      return removed;
    },
  };
}
export type FirmDataRepository = ReturnType<typeof createFirmDataRepository>;
