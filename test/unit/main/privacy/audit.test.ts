import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { AUDIT_KEY_SECRET, createAuditLog, describeAuditVerdict } from '../../../../main/services/privacy/audit';
import { createDevFileSecretStore } from '../../../../main/services/secrets';
import { DATABASE_FILE, openStore, type Db } from '../../../../main/store/open';
import { tempDir } from '../../../fixtures/factories';

function setup(rows: number) {
  const dataDir = tempDir();
  const db = openStore({ dataDir });
  const secrets = createDevFileSecretStore(dataDir);
  let clock = 1_700_000_000_000;
  const audit = createAuditLog(db, secrets, () => (clock += 1000));
  for (let i = 1; i <= rows; i += 1) {
    audit.record({ kind: 'export.releve', firmId: `firm-${i}`, subject: '2026-11', detail: { files: i } });
  }
  return { dataDir, db, secrets, audit };
}

/** A raw connection that drops the guard triggers, as someone editing the file by hand would. */
function tamper(dataDir: string, db: Db, sql: string): void {
  db.close();
  const raw = new Database(path.join(dataDir, DATABASE_FILE));
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  raw.close();
}

describe('audit log', () => {
  it('chains every entry to the previous one and says the chain is intact', () => {
    const { db, audit, secrets } = setup(5);
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Array<{ prev_hash: string; hash: string }>;
    expect(rows).toHaveLength(5);
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(secrets.get(AUDIT_KEY_SECRET)).toMatch(/^[0-9a-f]{64}$/);
    expect(audit.verify()).toEqual({ ok: true, count: 5 });
    expect(describeAuditVerdict(audit.verify())).toBe('Journal d’audit : chaîne intacte (5 entrées).\n');
    db.close();
  });

  it('reports a changed row at that row', () => {
    const { dataDir, db, secrets } = setup(6);
    tamper(dataDir, db, 'UPDATE audit_log SET detail = \'{"files":99}\' WHERE seq = 4');
    const reopened = openStore({ dataDir });
    const verdict = createAuditLog(reopened, secrets).verify();
    expect(verdict).toEqual({ ok: false, count: 4, brokenAt: 4, reason: 'contenu modifié' });
    expect(describeAuditVerdict(verdict)).toBe('Journal d’audit : chaîne rompue à l’entrée n° 4 (contenu modifié).\n');
    reopened.close();
  });

  it('reports a deleted row at the row after it', () => {
    const { dataDir, db, secrets } = setup(6);
    tamper(dataDir, db, 'DELETE FROM audit_log WHERE seq = 3');
    const reopened = openStore({ dataDir });
    expect(createAuditLog(reopened, secrets).verify()).toEqual({
      ok: false,
      count: 3,
      brokenAt: 4,
      reason: 'entrée 3 manquante',
    });
    reopened.close();
  });

  it('reports a row whose hash was recomputed without the key (a forged link) at that row', () => {
    const { dataDir, db, secrets } = setup(4);
    // Someone rewrites row 2 and copies row 1's hash as its link: the link holds, the HMAC does not.
    tamper(dataDir, db, "UPDATE audit_log SET kind = 'backup.created', hash = '" + 'a'.repeat(64) + "' WHERE seq = 2");
    const reopened = openStore({ dataDir });
    expect(createAuditLog(reopened, secrets).verify()).toMatchObject({ ok: false, brokenAt: 2 });
    reopened.close();
  });

  it('refuses to extend a log whose key was lost, and says so at verification', () => {
    const { db, audit, secrets } = setup(2);
    secrets.delete(AUDIT_KEY_SECRET);
    expect(() => audit.record({ kind: 'backup.created' })).toThrow(/clé du journal d’audit est introuvable/);
    expect(audit.verify()).toEqual({ ok: false, count: 1, brokenAt: 1, reason: 'clé du journal introuvable' });
    expect(audit.count()).toBe(2);
    db.close();
  });

  it('keeps the entry out when the surrounding transaction fails', () => {
    const { db, audit } = setup(1);
    expect(() =>
      db.transaction(() => {
        audit.record({ kind: 'billing.month-unlocked', firmId: 'f', subject: '2026-10' });
        throw new Error('unlock failed');
      })(),
    ).toThrow('unlock failed');
    expect(audit.count()).toBe(1);
    expect(audit.verify()).toEqual({ ok: true, count: 1 });
    db.close();
  });
});
