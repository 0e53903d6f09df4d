import { nameSortKey } from '../../../shared/domain/collate';
import type { Contact, ContactInput } from '../../../shared/domain/firm/contact';
import { searchableText } from '../../../shared/domain/text';
import type { Db } from '../open';
import { toFtsQuery } from './fts';

interface ContactRow {
  seq: number;
  id: string;
  firm_id: string;
  name: string;
  company: string;
  email: string;
  notes: string;
  vip: number;
  do_not_transfer: number;
  created_at: number;
  updated_at: number;
  phones: string | null;
}

const SELECT_CONTACT = `SELECT c.*, (SELECT group_concat(e164, ' ') FROM (SELECT e164 FROM contact_phones p WHERE p.contact_id = c.id ORDER BY position)) AS phones FROM contacts c`;

export function createContactsRepository(db: Db) {
  // French order for a list paged in SQL: « Élodie » among the E's (NOCASE puts accented capitals last).
  db.function('name_sort_key', { deterministic: true }, (name: unknown) => nameSortKey(String(name ?? '')));
  const statements = {
    byId: db.prepare<[string, string], ContactRow>(`${SELECT_CONTACT} WHERE c.firm_id = ? AND c.id = ?`),
    page: db.prepare<[string, number, number], ContactRow>(
      `${SELECT_CONTACT} WHERE c.firm_id = ? ORDER BY name_sort_key(c.name), c.name, c.id LIMIT ? OFFSET ?`,
    ),
    count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM contacts WHERE firm_id = ?'),
    search: db.prepare<[string, string, number, number], ContactRow>(
      `${SELECT_CONTACT} JOIN contacts_fts f ON f.rowid = c.seq
        WHERE contacts_fts MATCH ? AND c.firm_id = ? ORDER BY f.rank, name_sort_key(c.name), c.id LIMIT ? OFFSET ?`,
    ),
    searchCount: db.prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM contacts c JOIN contacts_fts f ON f.rowid = c.seq WHERE contacts_fts MATCH ? AND c.firm_id = ?`,
    ),
    byPhone: db.prepare<[string, string], ContactRow>(
      `${SELECT_CONTACT} WHERE c.id IN (SELECT contact_id FROM contact_phones WHERE firm_id = ? AND e164 = ?) ORDER BY c.updated_at DESC`,
    ),
    seqOf: db.prepare<[string], { seq: number; firm_id: string }>('SELECT seq, firm_id FROM contacts WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO contacts (id, firm_id, name, company, email, notes, vip, do_not_transfer, created_at, updated_at)
       VALUES (@id, @firmId, @name, @company, @email, @notes, @vip, @doNotTransfer, @now, @now)`,
    ),
    update: db.prepare(
      `UPDATE contacts SET name = @name, company = @company, email = @email, notes = @notes, vip = @vip,
              do_not_transfer = @doNotTransfer, updated_at = @now WHERE id = @id AND firm_id = @firmId`,
    ),
    delete: db.prepare<[string, string]>('DELETE FROM contacts WHERE firm_id = ? AND id = ?'),
    deletePhones: db.prepare<[string]>('DELETE FROM contact_phones WHERE contact_id = ?'),
    insertPhone: db.prepare<[string, string, string, number]>(
      'INSERT OR IGNORE INTO contact_phones (contact_id, firm_id, e164, position) VALUES (?, ?, ?, ?)',
    ),
    ftsDelete: db.prepare<[number]>('DELETE FROM contacts_fts WHERE rowid = ?'),
    ftsInsert: db.prepare(
      'INSERT INTO contacts_fts (rowid, name, company, email, notes, phones) VALUES (@seq, @name, @company, @email, @notes, @phones)',
    ),
  };

  function toContact(row: ContactRow): Contact {
    return {
      id: row.id,
      firmId: row.firm_id,
      name: row.name,
      company: row.company,
      phones: row.phones ? row.phones.split(' ') : [],
      email: row.email,
      notes: row.notes,
      vip: row.vip === 1,
      doNotTransfer: row.do_not_transfer === 1,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  function reindex(seq: number, contact: ContactInput): void {
    statements.ftsDelete.run(seq);
    statements.ftsInsert.run({
      seq,
      name: searchableText(contact.name),
      company: searchableText(contact.company),
      email: contact.email,
      notes: searchableText(contact.notes),
      // National digits too, so typing "0612" finds "+33612…".
      phones: contact.phones.flatMap((p) => (p.startsWith('+33') ? [p, `0${p.slice(3)}`] : [p])).join(' '),
    });
  }

  return {
    get(firmId: string, id: string): Contact | null {
      const row = statements.byId.get(firmId, id);
      return row ? toContact(row) : null;
    },

    firmOf(id: string): string | null {
      return statements.seqOf.get(id)?.firm_id ?? null;
    },

    list(firmId: string, query: string, limit: number, offset: number): { items: Contact[]; total: number } {
      const fts = toFtsQuery(query);
      if (!fts) {
        return {
          items: statements.page.all(firmId, limit, offset).map(toContact),
          total: statements.count.get(firmId)!.n,
        };
      }
      return {
        items: statements.search.all(fts, firmId, limit, offset).map(toContact),
        total: statements.searchCount.get(fts, firmId)!.n,
      };
    },

    findByPhone(firmId: string, e164: string): Contact[] {
      return statements.byPhone.all(firmId, e164).map(toContact);
    },

    /** Inserts or updates; the caller owns the transaction. */
    upsert(firmId: string, id: string, contact: ContactInput, now: number): 'created' | 'updated' {
      const params = {
        id,
        firmId,
        name: contact.name,
        company: contact.company,
        email: contact.email,
        notes: contact.notes,
        vip: contact.vip ? 1 : 0,
        doNotTransfer: contact.doNotTransfer ? 1 : 0,
        now,
      };
      const existing = statements.seqOf.get(id);
      if (existing) statements.update.run(params);
      else statements.insert.run(params);
      const seq = statements.seqOf.get(id)!.seq;
      statements.deletePhones.run(id);
      contact.phones.forEach((phone, index) => statements.insertPhone.run(id, firmId, phone, index));
      reindex(seq, contact);
      return existing ? 'updated' : 'created';
    },

    delete(firmId: string, id: string): boolean {
      const existing = statements.seqOf.get(id);
      if (!existing || existing.firm_id !== firmId) return false;
      statements.ftsDelete.run(existing.seq);
      statements.delete.run(firmId, id);
      return true;
    },
  };
}
export type ContactsRepository = ReturnType<typeof createContactsRepository>;
