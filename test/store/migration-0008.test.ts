import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0008 (invoices)', () => {
  it('rebuilds the outbox with its jobs, ids and order kept, and adds the invoice tables', () => {
    const dataDir = tempDir();
    const v7 = openStore({ dataDir, targetVersion: 7 });
    expect(schemaVersion(v7)).toBe(7);
    v7.prepare(
      `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
       VALUES ('f1', 1, 'Cabinet Martin', 'juridique', '#224488', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
    ).run();
    v7.prepare(
      `INSERT INTO messages (id, firm_id, status, caller_name, created_at, updated_at)
       VALUES ('m1', 'f1', 'a-transmettre', 'M. Dupont', 1, 1)`,
    ).run();
    const job = v7.prepare(
      `INSERT INTO outbox (id, kind, message_id, firm_id, state, next_attempt_at, message_id_header, recipients, subject,
         text_body, created_at) VALUES (?, ?, 'm1', 'f1', ?, 5, ?, '{"to":[],"cc":[]}', 'Sujet', 'Texte', 1)`,
    );
    job.run('j1', 'message', 'sent', '<j1@test>');
    job.run('j2', 'correction', 'pending', '<j2@test>');
    const before = v7.prepare('SELECT * FROM outbox ORDER BY seq').all();
    v7.close();

    const v8 = openStore({ dataDir, targetVersion: 8 });
    expect(schemaVersion(v8)).toBe(8);
    const after = v8.prepare('SELECT * FROM outbox ORDER BY seq').all() as Array<Record<string, unknown>>;
    expect(after.map(({ invoice_id, ...rest }) => (expect(invoice_id).toBeNull(), rest))).toEqual(before);
    // The new kind exists, needs its invoice, and one live job per invoice.
    const invoiceJob = v8.prepare(
      `INSERT INTO outbox (id, kind, invoice_id, firm_id, state, next_attempt_at, message_id_header, recipients,
         subject, text_body, created_at) VALUES (?, 'invoice', ?, 'f1', ?, 5, ?, '{"to":[],"cc":[]}', 'F', 'T', 1)`,
    );
    invoiceJob.run('j3', 'inv-1', 'pending', '<j3@test>');
    expect(() => invoiceJob.run('j4', 'inv-1', 'pending', '<j4@test>')).toThrow(/UNIQUE/);
    expect(() => invoiceJob.run('j5', null, 'pending', '<j5@test>')).toThrow(/CHECK/);
    // Message rows still cascade to their jobs.
    v8.pragma('foreign_keys = ON');
    v8.prepare("DELETE FROM outbox WHERE kind = 'invoice'").run();
    v8.prepare("DELETE FROM messages WHERE id = 'm1'").run();
    expect(v8.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(v8.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'invoices'").get()).toEqual({ n: 1 });
    v8.close();
  });
});
