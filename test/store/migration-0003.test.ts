import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0003-messages', () => {
  it('keeps firms and calls written by schema 2 and lets messages, their outbox and FTS reference them', () => {
    const dataDir = tempDir();
    const v2 = openStore({ dataDir, targetVersion: 2 });
    v2.prepare(
      `INSERT INTO firms (id, name, sector, color, greeting, weekly_hours, created_at, updated_at)
       VALUES ('f1', 'Cabinet Ancien', 'juridique', '#000000', 'Bonjour', '{}', 1, 1)`,
    ).run();
    v2.prepare("INSERT INTO calls (id, direction, firm_id, offered_at) VALUES ('c1', 'inbound', 'f1', 5)").run();
    v2.close();

    const v3 = openStore({ dataDir, targetVersion: 3 });
    expect(schemaVersion(v3)).toBe(3);
    expect(v3.prepare('SELECT name FROM firms').all()).toEqual([{ name: 'Cabinet Ancien' }]);
    v3.prepare(
      "INSERT INTO messages (id, firm_id, call_id, status, caller_name, created_at, updated_at) VALUES ('m1', 'f1', 'c1', 'brouillon', 'Élodie', 10, 10)",
    ).run();
    const seq = (v3.prepare("SELECT seq FROM messages WHERE id = 'm1'").get() as { seq: number }).seq;
    v3.prepare("INSERT INTO messages_fts (rowid, caller, motif, body, fields) VALUES (?, 'Élodie', '', '', '')").run(
      seq,
    );
    expect(v3.prepare("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'elodie'").all()).toEqual([
      { rowid: seq },
    ]);
    v3.prepare(
      `INSERT INTO outbox (id, kind, message_id, firm_id, state, next_attempt_at, message_id_header, recipients, subject, text_body, created_at)
       VALUES ('j1', 'message', 'm1', 'f1', 'pending', 10, '<a@b>', '{"to":[],"cc":[]}', 's', 't', 10)`,
    ).run();
    expect(() => v3.prepare("UPDATE messages SET status = 'perdu' WHERE id = 'm1'").run()).toThrow(/CHECK/);
    expect(() =>
      v3
        .prepare(
          `INSERT INTO outbox (id, kind, message_id, firm_id, state, next_attempt_at, message_id_header, recipients, subject, text_body, created_at)
           VALUES ('j2', 'message', 'm1', 'f1', 'pending', 10, '<a@b>', '{}', 's', 't', 10)`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    v3.close();
  });
});
