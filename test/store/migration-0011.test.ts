import { createAuditLog } from '../../main/services/privacy/audit';
import { createDevFileSecretStore } from '../../main/services/secrets';
import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0011 (retention per firm)', () => {
  it('adds firm_retention and the audit purge guard to a store with rows, which keep their values', () => {
    const dataDir = tempDir();
    const v10 = openStore({ dataDir, targetVersion: 10 });
    v10
      .prepare(
        `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
       VALUES ('f1', 1, 'Cabinet Martin', 'juridique', '#224488', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
      )
      .run();
    v10
      .prepare(
        `INSERT INTO messages (id, firm_id, status, caller_name, created_at, updated_at)
       VALUES ('m1', 'f1', 'transmis', 'M. Dupont', 1, 1)`,
      )
      .run();
    const audit10 = createAuditLog(v10, createDevFileSecretStore(dataDir), () => 1_700_000_000_000);
    audit10.record({ kind: 'billing.month-unlocked', firmId: 'f1', subject: '2026-11' });
    audit10.record({ kind: 'export.invoices', subject: '2026-11' });
    const before = {
      firms: v10.prepare('SELECT * FROM firms').all(),
      messages: v10.prepare('SELECT * FROM messages').all(),
      audit: v10.prepare('SELECT * FROM audit_log').all(),
    };
    v10.close();

    const db = openStore({ dataDir, targetVersion: 11 });
    expect(schemaVersion(db)).toBe(11);
    expect(db.prepare('SELECT * FROM firms').all()).toEqual(before.firms);
    expect(db.prepare('SELECT * FROM messages').all()).toEqual(before.messages);
    expect(db.prepare('SELECT * FROM audit_log').all()).toEqual(before.audit);
    expect(db.prepare('SELECT count(*) FROM firm_retention').pluck().get()).toBe(0);

    db.prepare(
      `INSERT INTO firm_retention (id, messages_months, calls_months, time_entries_months, audit_months, updated_at)
       VALUES ('f1', 6, 12, 120, 12, 2)`,
    ).run();
    expect(() => db.prepare("UPDATE firm_retention SET time_entries_months = 6 WHERE id = 'f1'").run()).toThrow(
      /CHECK/,
    );
    expect(() =>
      db
        .prepare(
          `INSERT INTO firm_retention (id, messages_months, calls_months, time_entries_months, audit_months, updated_at)
           VALUES ('nope', 6, 12, 120, 12, 2)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);

    // Still append-only without the guard; with it, only the rows up to its seq may go.
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/ajout seul/);
    expect(() => db.prepare("UPDATE audit_log SET kind = 'x'").run()).toThrow(/ajout seul/);
    db.transaction(() => {
      db.prepare("INSERT INTO audit_purge_allowed (id, through_seq) VALUES ('purge', 1)").run();
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/ajout seul/);
      expect(db.prepare('DELETE FROM audit_log WHERE seq = 1').run().changes).toBe(1);
      db.prepare('DELETE FROM audit_purge_allowed').run();
    })();
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/ajout seul/);
    expect(db.prepare('SELECT seq FROM audit_log').pluck().all()).toEqual([2]);
    expect(() => db.prepare("INSERT INTO audit_purge_allowed (id, through_seq) VALUES ('other', 1)").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});
