import type { Db } from '../open';

/** One erasure, without personal data (migration 0012). JSON columns are kept as their text. */
export interface TombstoneRow {
  id: string;
  firm_id: string;
  requested_by_firm_id: string;
  recorded_at: number;
  counts: string;
  salt: string;
  subject_hashes: string;
  row_hashes: string;
}

export function createTombstonesRepository(db: Db) {
  const insert = db.prepare<[TombstoneRow]>(
    `INSERT INTO erasure_tombstones (id, firm_id, requested_by_firm_id, recorded_at, counts, salt, subject_hashes, row_hashes)
     VALUES (@id, @firm_id, @requested_by_firm_id, @recorded_at, @counts, @salt, @subject_hashes, @row_hashes)
     ON CONFLICT (id) DO NOTHING`,
  );
  const all = db.prepare<[], TombstoneRow>('SELECT * FROM erasure_tombstones ORDER BY recorded_at, id');
  const since = db.prepare<[number], TombstoneRow>(
    'SELECT * FROM erasure_tombstones WHERE recorded_at > ? ORDER BY recorded_at, id',
  );
  return {
    /** Idempotent: copying tombstones into a restored store keeps the ones it already has. */
    insert: (row: TombstoneRow): boolean => insert.run(row).changes > 0,
    all: () => all.all(),
    recordedAfter: (at: number) => since.all(at),
  };
}
