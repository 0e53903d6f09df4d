import type { Db } from './cipher';

/**
 * FTS5 keeps a deleted row's words in its index segments until they are merged, and a contentless table
 * (contentless_delete=1, migration 0007) only marks the row deleted: an erased message's words would stay
 * readable in the decrypted store. FTS5's `secure-delete` option (SQLite ≥ 3.44) removes them from the segments
 * at the delete. It is stored in the table's %_config, so it is set once per table (an older store gets it at its
 * next open; words deleted before that stay until FTS5 merges those segments, or an 'optimize').
 */
export function ensureFtsSecureDelete(db: Db): string[] {
  const changed: string[] = [];
  for (const table of ftsTables(db)) {
    const quoted = `"${table.replaceAll('"', '""')}"`;
    const config = `"${`${table}_config`.replaceAll('"', '""')}"`;
    const current = db.prepare(`SELECT v FROM ${config} WHERE k = 'secure-delete'`).pluck().get();
    if (current === 1) continue;
    db.prepare(`INSERT INTO ${quoted} (${quoted}, rank) VALUES ('secure-delete', 1)`).run();
    changed.push(table);
  }
  return changed;
}

export function ftsTables(db: Db): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'")
    .pluck()
    .all() as string[];
}
