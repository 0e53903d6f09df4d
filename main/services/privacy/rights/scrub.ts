import type { Db } from '../../../store/open';
import { createPersonDataRepository } from '../../../store/repositories/person-data';

/**
 * Runs an erasure so that her data leaves the file, not only the tables: `secure_delete` makes SQLite overwrite
 * freed content with zeros, the search indexes are optimised (their contentless tables keep deleted words in old
 * segments otherwise), and a TRUNCATE checkpoint writes the WAL back and empties it (its frames held the pages
 * before the erasure). Returns false when a reader kept the WAL from being emptied (the next checkpoint does).
 */
export function scrubbed<T>(db: Db, erase: () => T): { result: T; walTruncated: boolean } {
  const previous = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  let result: T;
  try {
    result = erase();
    createPersonDataRepository(db).purgeSearchSegments();
  } finally {
    db.pragma(`secure_delete = ${previous === 1 ? 'ON' : 'OFF'}`);
  }
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return { result, walTruncated: checkpoint?.busy === 0 };
}
