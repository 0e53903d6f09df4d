import { openStore, schemaVersion } from '../../main/store/open';
import { createContactsRepository } from '../../main/store/repositories/contacts';
import { createMessagesRepository } from '../../main/store/repositories/messages';
import { tempDir } from '../fixtures/factories';

describe('migration 0007-search', () => {
  it('reindexes messages and contacts written by schema 6 so folded, any-order prefix search finds them', () => {
    const dataDir = tempDir();
    const v6 = openStore({ dataDir, targetVersion: 6 });
    v6.prepare(
      `INSERT INTO firms (id, name, sector, color, greeting, weekly_hours, created_at, updated_at)
       VALUES ('cabinet-ancien', 'Cabinet Ancien', 'juridique', '#000000', 'Bonjour', '{}', 1, 1)`,
    ).run();
    v6.prepare(
      `INSERT INTO messages (id, firm_id, status, caller_name, caller_phone, body, fields, created_at, updated_at)
       VALUES ('m1', 'cabinet-ancien', 'transmis', 'Dr Hélène Kerjean', '+33612345678', 'Audience aux prud’hommes',
         '{"dossier":"Succession Lebœuf"}', 10, 10)`,
    ).run();
    v6.prepare(
      `INSERT INTO contacts (id, firm_id, name, company, email, notes, vip, do_not_transfer, created_at, updated_at)
       VALUES ('c1', 'cabinet-ancien', 'Dr Hélène Kerjean', 'Cabinet d’expertise', '', '', 0, 0, 1, 1)`,
    ).run();
    v6.prepare(
      "INSERT INTO contact_phones (contact_id, firm_id, e164, position) VALUES ('c1', 'cabinet-ancien', '+33612345678', 0)",
    ).run();
    v6.close();

    const db = openStore({ dataDir });
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(7);
    const repo = createMessagesRepository(db);
    const messages = (query: string, firmId?: string) =>
      repo.list({ query, limit: 10, offset: 0, ...(firmId ? { firmId } : {}) }).items.map((m) => m.id);
    expect(messages('kerjean helene')).toEqual(['m1']);
    expect(messages('prudhommes')).toEqual(['m1']);
    expect(messages('0612')).toEqual(['m1']);
    expect(messages('succession', 'cabinet-ancien')).toEqual(['m1']);
    const contacts = (query: string) =>
      createContactsRepository(db)
        .list('cabinet-ancien', query, 10, 0)
        .items.map((c) => c.id);
    expect(contacts('dr kerjean')).toEqual(['c1']);
    expect(contacts('dexpertise')).toEqual(['c1']);
    expect(contacts('0612')).toEqual(['c1']);
    db.close();
  });
});
