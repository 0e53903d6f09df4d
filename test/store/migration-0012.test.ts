import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0012 (erasure tombstones)', () => {
  it('adds erasure_tombstones to a store with rows, which keep their values', () => {
    const dataDir = tempDir();
    const v11 = openStore({ dataDir, targetVersion: 11 });
    v11
      .prepare(
        `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
         VALUES ('f1', 1, 'Cabinet Martin', 'juridique', '#224488', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
      )
      .run();
    v11
      .prepare(
        `INSERT INTO messages (id, firm_id, status, caller_name, created_at, updated_at)
         VALUES ('m1', 'f1', 'a-transmettre', 'M. Dupont', 1, 1)`,
      )
      .run();
    const before = v11.prepare('SELECT * FROM messages').all();
    v11.close();

    const v12 = openStore({ dataDir, targetVersion: 12 });
    expect(schemaVersion(v12)).toBe(12);
    expect(v12.prepare('SELECT * FROM messages').all()).toEqual(before);
    const insert = v12.prepare(
      `INSERT INTO erasure_tombstones (id, firm_id, requested_by_firm_id, recorded_at, counts, salt, subject_hashes, row_hashes)
       VALUES (?, 'f1', 'f1', 5, ?, ?, '[]', '{}')`,
    );
    insert.run('t1', '{"messages":1}', 'a'.repeat(32));
    expect(() => insert.run('t2', 'not json', 'a'.repeat(32))).toThrow(/CHECK/);
    expect(() => insert.run('t3', '{}', 'short')).toThrow(/CHECK/);
    expect(v12.prepare('SELECT id, firm_id, recorded_at FROM erasure_tombstones').all()).toEqual([
      { id: 't1', firm_id: 'f1', recorded_at: 5 },
    ]);
    v12.close();
  });
});
