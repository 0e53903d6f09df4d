import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sourceRoot } from '../../../main/platform/paths';
import { createServices } from '../../../main/services';
import { DATABASE_FILE, openStore, type Db } from '../../../main/store/open';
import { tempDir } from '../../fixtures/factories';
import { openMessagingContext, type MessagingContext } from '../messaging-context';
import { AT, CANARIES, HER_E164, HER_PHONE, seedPeople, type Seeded } from './seed';

let t: MessagingContext;
let s: Seeded;
beforeEach(() => {
  t = openMessagingContext({ now: () => AT + 10 * 86_400_000 });
  s = seedPeople(t.services, t.db);
});
afterEach(async () => {
  await t.close();
});

const count = (sql: string, ...params: unknown[]) =>
  t.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** Every canary found in these bytes. */
function canariesIn(bytes: Buffer): string[] {
  return CANARIES.filter((canary) => bytes.includes(Buffer.from(canary)));
}

describe('rights request: find everything about one person in one firm', () => {
  it('finds her contact, call, messages and draft, appointment, outbox row and time entries by her number', () => {
    const found = t.services.rights.find({ firmId: s.martin, allFirms: false, phone: HER_PHONE });
    expect(found.identifiers).toEqual({ phones: [HER_E164], names: [] });
    expect(found.firms.map((f) => f.id)).toEqual([s.martin]);
    const ids = (kind: string) => found.items.filter((i) => i.kind === kind).map((i) => i.id);
    expect(ids('contacts')).toEqual([s.contactId]);
    expect(ids('calls')).toEqual(['call-her']);
    // The draft names her in its text only: found by name, not by number.
    expect(ids('messages')).toEqual([s.hers.messages[0]]);
    expect(ids('appointments')).toEqual(['rdv-her']);
    expect(ids('timeEntries')).toEqual([s.hers.timeEntries[1]]); // « Rappel au 06.11.22.33.44 »
    expect(found.counts).toMatchObject({ contacts: 1, calls: 1, messages: 1, appointments: 1, outbox: 1 });
    expect(found.counts.searchIndex).toBe(2); // her contact's and her message's search rows
    expect(found.items.every((i) => i.firmId === s.martin)).toBe(true);
  });

  it('finds by her contact: its name and numbers, text that names her, entries labelled with her name', () => {
    const found = t.services.rights.find({ firmId: s.martin, allFirms: false, contactId: s.contactId });
    expect(found.identifiers).toEqual({ phones: [HER_E164], names: ['Hélène Kerjean'] });
    const ids = (kind: string) => found.items.filter((i) => i.kind === kind).map((i) => i.id);
    expect(ids('messages').sort()).toEqual([...s.hers.messages].sort());
    expect(ids('timeEntries').sort()).toEqual([...s.hers.timeEntries].sort());
    expect(found.items.find((i) => i.kind === 'contacts')?.summary).toBe('Hélène Kerjean — 06 11 22 33 44');
    expect(found.items.some((i) => /Dupont/.test(i.summary))).toBe(false);
  });

  it('looks in other firms only when asked to', () => {
    const one = t.services.rights.find({ firmId: s.martin, allFirms: false, name: 'helene kerjean' });
    expect(one.items.some((i) => i.firmId === s.roux)).toBe(false);
    const all = t.services.rights.find({ firmId: s.martin, allFirms: true, name: 'KERJEAN Hélène' });
    expect(all.firms.map((f) => f.id).sort()).toEqual([s.martin, s.roux].sort());
    expect(
      all.items
        .filter((i) => i.firmId === s.roux)
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['calls', 'messages', 'outbox']);
  });

  it('refuses a number that is not one, an unknown firm or a contact of another firm, with i18n keys', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as { code: string; text?: { key: string } }).text?.key;
      }
      return 'no error';
    };
    expect(refusal(() => t.services.rights.find({ firmId: s.martin, allFirms: false, phone: '12' }))).toBe(
      'privacy.errors.rightsPhone',
    );
    expect(refusal(() => t.services.rights.find({ firmId: 'nope', allFirms: false, phone: HER_PHONE }))).toBe(
      'privacy.errors.rightsFirmUnknown',
    );
    expect(refusal(() => t.services.rights.find({ firmId: s.roux, allFirms: false, contactId: s.contactId }))).toBe(
      'privacy.errors.rightsContact',
    );
  });
});

describe('rights request: export', () => {
  it('writes a JSON with every row and a readable French PDF, private, and audits counts only', async () => {
    const exported = await t.services.rights.export({ firmId: s.martin, allFirms: false, contactId: s.contactId });
    expect(path.dirname(exported.json)).toBe(path.dirname(exported.pdf));
    expect(exported.json.startsWith(path.join(t.dataDir, 'exports', 'droits'))).toBe(true);
    expect(fs.statSync(exported.json).mode & 0o777).toBe(0o600);
    const json = JSON.parse(fs.readFileSync(exported.json, 'utf8'));
    expect(json.demandePar).toEqual({ id: s.martin, name: 'Cabinet Martin' });
    expect(json.comptes).toMatchObject({ contacts: 1, messages: 2, calls: 1, appointments: 1, timeEntries: 2 });
    expect(json.donnees.messages.lignes.map((m: { body: string }) => m.body).join(' ')).toContain('zorglubcanari');
    expect(json.donnees.contacts.lignes[0]).toMatchObject({ name: 'Hélène Kerjean', phones: HER_E164 });
    expect(json.donnees.calls.lignes[0].at).toBe(new Date(AT).toISOString());

    const text = execFileSync('pdftotext', ['-layout', exported.pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Données d’une personne');
    expect(text).toContain('Demande du cabinet : Cabinet Martin');
    expect(text).toContain('Hélène Kerjean');
    expect(text).toContain('Messages et brouillons (2)');
    expect(text).toContain('Rendez-vous (1)');
    expect(text).toContain('Résultats d’analyse');
    expect(text).toMatch(/24 novembre 2026 à 11:00/); // Paris time

    const audit = t.db.prepare("SELECT firm_id, detail FROM audit_log WHERE kind = 'rights.exported'").get() as {
      firm_id: string;
      detail: string;
    };
    expect(audit.firm_id).toBe(s.martin);
    expect(canariesIn(Buffer.from(audit.detail))).toEqual([]);
    expect(JSON.parse(audit.detail)).toMatchObject({ contacts: 1, messages: 2, firms: 1 });
  });
});

describe('rights request: erasure', () => {
  it('leaves none of her strings in the store file, its WAL or a copy, and tombstones without her data', () => {
    // Every firm: Roux's firm holds a message and a call of hers too.
    const erased = t.services.rights.erase({ firmId: s.martin, allFirms: true, contactId: s.contactId });
    expect(erased.counts).toMatchObject({
      contacts: 1,
      calls: 2,
      messages: 3,
      appointments: 1,
      outbox: 2,
      timeEntries: 2,
    });
    expect(erased.walTruncated).toBe(true);
    expect(erased.tombstones).toHaveLength(2);

    const store = path.join(t.dataDir, DATABASE_FILE);
    const copy = path.join(t.dataDir, 'copy.sqlite3');
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    t.db.prepare('VACUUM INTO ?').run(copy);
    const wal = fs.existsSync(`${store}-wal`) ? fs.readFileSync(`${store}-wal`) : Buffer.alloc(0);
    expect(canariesIn(fs.readFileSync(copy))).toEqual([]);
    expect(canariesIn(fs.readFileSync(store))).toEqual([]);
    expect(canariesIn(wal)).toEqual([]);

    const tombstones = t.db.prepare('SELECT * FROM erasure_tombstones ORDER BY firm_id').all();
    expect(tombstones).toMatchObject(
      [s.martin, s.roux].sort().map((firmId) => ({ firm_id: firmId, requested_by_firm_id: s.martin })),
    );
    expect(canariesIn(Buffer.from(JSON.stringify(tombstones)))).toEqual([]);
    expect(JSON.stringify(tombstones)).not.toMatch(/\+336|helene|hélène/i);
    const entry = t.db.prepare("SELECT detail FROM audit_log WHERE kind = 'rights.erased'").pluck().get() as string;
    expect(JSON.parse(entry)).toMatchObject({ contacts: 1, messages: 3, firms: 2 });
  });

  it('keeps calls, appointments and time entries (durations, dates) without her, and leaves everyone else', () => {
    const before = count('SELECT sum(duration_seconds) FROM time_entries');
    t.services.rights.erase({ firmId: s.martin, allFirms: false, contactId: s.contactId });
    expect(count('SELECT sum(duration_seconds) FROM time_entries')).toBe(before);
    expect(
      t.db.prepare("SELECT caller_number, caller_name, caller_raw FROM calls WHERE id = 'call-her'").get(),
    ).toEqual({ caller_number: null, caller_name: '', caller_raw: '' });
    expect(
      t.db.prepare("SELECT caller_name, caller_phone, note, status FROM appointments WHERE id = 'rdv-her'").get(),
    ).toEqual({
      caller_name: '',
      caller_phone: '',
      note: '',
      status: 'booked',
    });
    const labels = t.db.prepare('SELECT label FROM time_entries ORDER BY started_at').pluck().all();
    expect(labels).toEqual(['Personne effacée', 'Personne effacée', 'Marc Dupont']);
    // Dupont everywhere, and her rows in Roux's firm, are untouched.
    expect(count("SELECT count(*) FROM contacts WHERE name = 'Marc Dupont'")).toBe(1);
    expect(count("SELECT count(*) FROM messages WHERE caller_name = 'M. Dupont'")).toBe(1);
    expect(count("SELECT count(*) FROM calls WHERE caller_name = 'Marc Dupont'")).toBe(1);
    expect(count("SELECT count(*) FROM appointments WHERE caller_name = 'Marc Dupont'")).toBe(1);
    expect(count('SELECT count(*) FROM messages WHERE firm_id = ?', s.roux)).toBe(1);
    expect(count("SELECT count(*) FROM calls WHERE id = 'call-her-roux' AND caller_name = 'Hélène Kerjean'")).toBe(1);
    // Search still works for the others, and finds nothing of hers.
    const search = (q: string, firmId: string) =>
      t.services.messages.list({ firmId, query: q, limit: 10, offset: 0 }).total;
    expect(search('dupont', s.martin)).toBe(1);
    expect(search('kerjean', s.martin)).toBe(0);
    expect(search('kerjean', s.roux)).toBe(1);
    expect(t.services.contacts.list({ firmId: s.martin, query: 'kerjean', limit: 10, offset: 0 }).total).toBe(0);
    expect(t.services.contacts.list({ firmId: s.martin, query: 'dupont', limit: 10, offset: 0 }).total).toBe(1);
  });

  it('erases in every firm only when chosen, with one tombstone per firm', () => {
    const erased = t.services.rights.erase({
      firmId: s.martin,
      allFirms: true,
      phone: HER_PHONE,
      name: 'Hélène Kerjean',
    });
    expect(erased.tombstones).toHaveLength(2);
    expect(count('SELECT count(*) FROM messages WHERE firm_id = ?', s.roux)).toBe(0);
    const firms = t.db.prepare('SELECT firm_id FROM erasure_tombstones ORDER BY firm_id').pluck().all();
    expect(firms).toEqual([s.martin, s.roux].sort());
  });
});

describe('rights request: erasure in an encrypted store', () => {
  /** Every row of every table read through the key, the search indexes' segment blobs included. */
  function decryptedDump(db: Db): string {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'")
      .pluck()
      .all() as string[];
    return tables
      .map((table) =>
        JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all(), (_k, v: unknown) =>
          Buffer.isBuffer(v) ? v.toString('latin1') : v,
        ),
      )
      .join('\n');
  }

  it('leaves none of her strings in what the key reads back, segments included', async () => {
    const dataDir = tempDir();
    const db = openStore({ dataDir, key: crypto.randomBytes(32) });
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'test',
      transport: 'harness',
      now: () => AT + 86_400_000,
    });
    try {
      const seeded = seedPeople(services, db);
      // Positive control: the search index's segments do hold her words before, and the dump reads them.
      const segments = () => Buffer.concat(db.prepare('SELECT block FROM messages_fts_data').pluck().all() as Buffer[]);
      expect(canariesIn(segments())).toContain('zorglubcanari');
      expect(canariesIn(Buffer.from(decryptedDump(db)))).toContain('zorglubcanari');
      services.rights.erase({ firmId: seeded.martin, allFirms: true, contactId: seeded.contactId });
      expect(canariesIn(segments())).toEqual([]);
      expect(canariesIn(Buffer.from(decryptedDump(db)))).toEqual([]);
      expect(canariesIn(fs.readFileSync(path.join(dataDir, DATABASE_FILE)))).toEqual([]);
    } finally {
      await services.messages.stopWorker();
      db.close();
    }
  });
});
