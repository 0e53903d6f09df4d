import { createAuditLog } from '../../main/services/privacy/audit';
import { createDevFileSecretStore } from '../../main/services/secrets';
import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0009 (audit log)', () => {
  it('adds an append-only audit_log to a store with rows, which keep their values', () => {
    const dataDir = tempDir();
    const v8 = openStore({ dataDir, targetVersion: 8 });
    v8.prepare(
      `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
       VALUES ('f1', 1, 'Cabinet Martin', 'juridique', '#224488', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
    ).run();
    v8.prepare(
      `INSERT INTO messages (id, firm_id, status, caller_name, created_at, updated_at)
       VALUES ('m1', 'f1', 'a-transmettre', 'M. Dupont', 1, 1)`,
    ).run();
    const before = {
      firms: v8.prepare('SELECT * FROM firms').all(),
      messages: v8.prepare('SELECT * FROM messages').all(),
    };
    v8.close();

    const v9 = openStore({ dataDir, targetVersion: 9 });
    expect(schemaVersion(v9)).toBe(9);
    expect(v9.prepare('SELECT * FROM firms').all()).toEqual(before.firms);
    expect(v9.prepare('SELECT * FROM messages').all()).toEqual(before.messages);
    expect(v9.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 0 });

    const audit = createAuditLog(v9, createDevFileSecretStore(dataDir), () => 1_700_000_000_000);
    audit.record({ kind: 'billing.month-unlocked', firmId: 'f1', subject: '2026-11' });
    expect(() => v9.prepare("UPDATE audit_log SET kind = 'x'").run()).toThrow(/ajout seul/);
    expect(() => v9.prepare('DELETE FROM audit_log').run()).toThrow(/ajout seul/);
    expect(() =>
      v9
        .prepare("INSERT INTO audit_log (seq, at, kind, detail, prev_hash, hash) VALUES (2, 1, 'k', 'not json', ?, ?)")
        .run('0'.repeat(64), '0'.repeat(64)),
    ).toThrow(/CHECK/);
    expect(v9.prepare('SELECT seq, kind, firm_id, subject FROM audit_log').all()).toEqual([
      { seq: 1, kind: 'billing.month-unlocked', firm_id: 'f1', subject: '2026-11' },
    ]);
    v9.close();
  });
});
