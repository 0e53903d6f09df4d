import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../../../shared/api';
import type { ReadableExport } from '../../../shared/domain/recovery';
import { openDatabaseFile, type Db } from '../../store/cipher';
import { FILE_MODE } from '../../store/open';

export const EXPORTS_DIR = 'exports';

/** Whether SQLite can still read the damaged store's schema: without it, no table can be read at all. */
export function canReadSchema(store: string, nativeBinding?: string, key?: Buffer): boolean {
  let db: Db | null = null;
  try {
    db = openDatabaseFile(store, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
      ...(key ? { key } : {}),
    });
    db.pragma('table_list');
    return true;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Opens the damaged store read-only and writes every row SQLite can still read to one JSON file in exports/:
 * table by table, keeping the rows read before a table's damaged page. Nothing in the store is changed.
 */
export function exportReadable(
  dataDir: string,
  store: string,
  options: { now: Date; nativeBinding?: string; key?: Buffer },
): ReadableExport {
  let db: Db;
  try {
    db = openDatabaseFile(store, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.key ? { key: options.key } : {}),
    });
  } catch (error) {
    throw new PermanenceError('STORE_DAMAGED', `Rien n’a pu être lu dans la base : ${(error as Error).message}`);
  }
  const tables: Record<string, unknown[]> = {};
  const tablesRead: string[] = [];
  const tablesFailed: string[] = [];
  let rows = 0;
  try {
    let names: string[];
    try {
      names = (db.pragma('table_list') as Array<{ schema: string; name: string; type: string }>)
        .filter((t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'))
        .map((t) => t.name);
    } catch (error) {
      throw new PermanenceError('STORE_DAMAGED', `Rien n’a pu être lu dans la base : ${(error as Error).message}`);
    }
    for (const name of names) {
      const read: unknown[] = [];
      try {
        for (const row of db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).iterate()) read.push(row);
        tablesRead.push(name);
      } catch {
        tablesFailed.push(name);
      }
      tables[name] = read;
      rows += read.length;
    }
  } finally {
    db.close();
  }
  const dir = path.join(dataDir, EXPORTS_DIR);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `recuperation-${options.now.toISOString().replace(/[:.]/g, '-')}.json`);
  const content = JSON.stringify(
    { format: 'permanence-recovery-export', exportedAt: options.now.toISOString(), tablesFailed, tables },
    (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value),
  );
  fs.writeFileSync(file, content, { mode: FILE_MODE });
  return { file, tablesRead, tablesFailed, rows };
}
