import type { Db } from '../open';

export interface AuditRow {
  seq: number;
  at: number;
  kind: string;
  firm_id: string | null;
  subject: string | null;
  /** JSON object: counts and kinds, never personal data. */
  detail: string;
  prev_hash: string;
  hash: string;
}

/** The audit_log table (migration 0009): appends and reads, nothing else (triggers refuse the rest). */
export function createAuditRepository(db: Db) {
  const insert = db.prepare<[AuditRow]>(
    `INSERT INTO audit_log (seq, at, kind, firm_id, subject, detail, prev_hash, hash)
     VALUES (@seq, @at, @kind, @firm_id, @subject, @detail, @prev_hash, @hash)`,
  );
  const last = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
  const all = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');
  const count = db.prepare<[], number>('SELECT count(*) FROM audit_log').pluck();
  const checkpoints = db.prepare<[], AuditRow>("SELECT * FROM audit_log WHERE kind = 'audit.purged' ORDER BY seq");
  return {
    append(row: AuditRow): void {
      insert.run(row);
    },
    last(): AuditRow | null {
      return last.get() ?? null;
    },
    /** In seq order, one row at a time: the log of ten years is not loaded at once. */
    iterate(): IterableIterator<AuditRow> {
      return all.iterate();
    },
    count(): number {
      return count.get() as number;
    },
    /** The retention purge's checkpoints (retention/audit-purge.ts), which vouch for the chain's later start. */
    checkpoints(): AuditRow[] {
      return checkpoints.all();
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
