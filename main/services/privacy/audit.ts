import crypto from 'node:crypto';
import { PermanenceError } from '../../../shared/api';
import type { Db } from '../../store/open';
import { createAuditRepository, type AuditRow } from '../../store/repositories/audit';
import type { SecretStore } from '../secrets';

/** Name of the HMAC key in the secret store: 32 random bytes, hex, created with the first entry. */
export const AUDIT_KEY_SECRET = 'audit-log-hmac-key';
const GENESIS = '0'.repeat(64);

/** What is recorded. Details hold ids, counts and kinds only: never a name, a number or a message's text. */
export type AuditKind =
  // Retention (retention/): a firm's durations changed, the daily purge's counts, a firm's end of contract.
  | 'retention.changed'
  | 'retention.purged'
  | 'contract.exported'
  | 'contract.ended'
  | 'register.exported'
  /** Checkpoint written by the audit log's own purge: the chain's new start is vouched for by this entry. */
  | 'audit.purged'
  | 'backup.created'
  | 'backup.restored'
  | 'export.releve'
  | 'export.invoices'
  | 'export.workspace'
  // Encryption at rest (encryption.ts): a plain store encrypted (counts), its plain copy deleted (file count).
  | 'store.encrypted'
  | 'store.plain-copy-deleted'
  // Rights requests about one person (rights/): counts per kind and tombstone ids, never who.
  | 'rights.exported'
  | 'rights.erased'
  | 'erasures.reapplied'
  // Agenda (issue 11): a booking forced over an overlap, the ranges or the day's maximum (ids and problem kinds).
  | 'agenda.booking-forced'
  | 'billing.month-unlocked'
  // The store key's slots and the app lock (keys/, lock/): which slot or method, counts; never the secret.
  | 'key.created'
  | 'key.passphrase-added'
  | 'key.passphrase-changed'
  | 'key.recovery-renewed'
  | 'lock.unlocked'
  | 'lock.unlock-failed';

export interface AuditEntry {
  kind: AuditKind;
  firmId?: string | null;
  /** The id of what the entry is about (a backup's file name, an invoice id, a month). */
  subject?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

export type AuditVerdict = { ok: true; count: number } | { ok: false; count: number; brokenAt: number; reason: string };

function content(row: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([row.seq, row.at, row.kind, row.firm_id, row.subject, row.detail, row.prev_hash]);
}

function hmac(key: Buffer, row: Omit<AuditRow, 'hash'>): string {
  return crypto.createHmac('sha256', key).update(content(row)).digest('hex');
}

/**
 * The hash-chained audit log. Each row's hash is HMAC-SHA256(key, previous hash + the row's own fields); the
 * key lives in the secret store, not in the database, so whoever can edit the file cannot recompute the chain.
 */
export function createAuditLog(db: Db, secrets: SecretStore, now: () => number = Date.now) {
  const repo = createAuditRepository(db);

  function key(create: boolean): Buffer | null {
    const stored = secrets.get(AUDIT_KEY_SECRET);
    if (stored && /^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
    if (!create) return null;
    if (repo.count() > 0) {
      throw new PermanenceError(
        'UNAVAILABLE',
        'La clé du journal d’audit est introuvable dans le coffre des secrets : le journal ne peut plus être prolongé.',
      );
    }
    const fresh = crypto.randomBytes(32);
    secrets.set(AUDIT_KEY_SECRET, fresh.toString('hex'));
    return fresh;
  }

  /** True when a checkpoint says the rows before `first` were purged and the last of them had `first.prev_hash`. */
  function anchoredStart(first: AuditRow): boolean {
    return repo.checkpoints().some((checkpoint) => {
      try {
        const detail = JSON.parse(checkpoint.detail) as { throughSeq?: unknown; throughHash?: unknown };
        return detail.throughSeq === first.seq - 1 && detail.throughHash === first.prev_hash;
      } catch {
        return false;
      }
    });
  }

  return {
    /** Appends one entry; inside the caller's transaction when there is one (the entry then commits with it). */
    record(entry: AuditEntry): void {
      const secret = key(true)!;
      db.transaction(() => {
        const last = repo.last();
        const row = {
          seq: (last?.seq ?? 0) + 1,
          at: now(),
          kind: entry.kind,
          firm_id: entry.firmId ?? null,
          subject: entry.subject ?? null,
          detail: JSON.stringify(entry.detail ?? {}),
          prev_hash: last?.hash ?? GENESIS,
        };
        repo.append({ ...row, hash: hmac(secret, row) });
      })();
    },
    /** Walks the chain from the first row: the first row whose link or hash does not hold is reported. */
    verify(): AuditVerdict {
      const secret = key(false);
      let count = 0;
      let previous: AuditRow | null = null;
      for (const row of repo.iterate()) {
        count += 1;
        if (!secret) return { ok: false, count, brokenAt: row.seq, reason: 'clé du journal introuvable' };
        // After the retention purge the chain starts later: an audit.purged checkpoint (itself checked below, in
        // its place in the chain) names the last removed row's seq and hash, which the first kept row links to.
        if (previous === null && row.seq > 1 && anchoredStart(row)) {
          previous = { ...row, seq: row.seq - 1, hash: row.prev_hash };
        }
        const expectedPrev = previous?.hash ?? GENESIS;
        if (row.seq !== (previous?.seq ?? 0) + 1) {
          return { ok: false, count, brokenAt: row.seq, reason: `entrée ${(previous?.seq ?? 0) + 1} manquante` };
        }
        if (row.prev_hash !== expectedPrev) {
          return { ok: false, count, brokenAt: row.seq, reason: 'lien avec l’entrée précédente rompu' };
        }
        const { hash, ...rest } = row;
        if (hmac(secret, rest) !== hash) {
          return { ok: false, count, brokenAt: row.seq, reason: 'contenu modifié' };
        }
        previous = row;
      }
      return { ok: true, count };
    },
    count: () => repo.count(),
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;
/** What services that write exports or unlock months receive: appending only. */
export type AuditRecorder = Pick<AuditLog, 'record'>;

/** The CLI's sentence for a verdict. */
export function describeAuditVerdict(verdict: AuditVerdict): string {
  if (verdict.ok) {
    return `Journal d’audit : chaîne intacte (${verdict.count} ${verdict.count > 1 ? 'entrées' : 'entrée'}).\n`;
  }
  return `Journal d’audit : chaîne rompue à l’entrée n° ${verdict.brokenAt} (${verdict.reason}).\n`;
}
