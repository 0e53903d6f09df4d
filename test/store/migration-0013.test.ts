import { openStore, schemaVersion, type Db } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

/** Migration 0013 (CalDAV sync state): rows of 0010 kept, and the triggers that queue appointment writes. */
function seedAgenda(db: Db): void {
  db.prepare(
    `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
     VALUES ('f1', 1, 'Cabinet Morel', 'medical', '#224488', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO agendas (id, firm_id, position, name, kind, color, created_at, updated_at)
     VALUES ('morel', 'f1', 0, 'Dr Morel', 'practitioner', '#336699', 1, 1),
            ('lenoir', 'f1', 1, 'Dr Lenoir', 'practitioner', '#336699', 1, 1)`,
  ).run();
  db.prepare(
    `INSERT INTO agenda_motifs (id, firm_id, position, name, duration_minutes, color, agenda_ids, created_at, updated_at)
     VALUES ('consult', 'f1', 0, 'Consultation', 30, '#336699', '["morel","lenoir"]', 1, 1)`,
  ).run();
}

const insertAppointment = (db: Db, id: string, agendaId: string, by = 'Sophie') =>
  db
    .prepare(
      `INSERT INTO appointments (id, uid, firm_id, agenda_id, motif_id, start_utc, end_utc, time_zone, status,
         created_by, created_at, updated_by, updated_at)
       VALUES (?, ? || '@permanence', 'f1', ?, 'consult', 1000, 2000, 'Europe/Paris', 'booked', ?, 5, ?, 5)`,
    )
    .run(id, id, agendaId, by, by);

const queued = (db: Db) =>
  db.prepare('SELECT appointment_id, agenda_id, state FROM agenda_caldav_queue ORDER BY seq').all();

describe('migration 0013 (agenda CalDAV sync)', () => {
  it('keeps the agenda rows, and queues a write for every change of an appointment of a synced agenda', () => {
    const dataDir = tempDir();
    const v12 = openStore({ dataDir, targetVersion: 12 });
    seedAgenda(v12);
    insertAppointment(v12, 'a0', 'morel');
    const before = v12.prepare('SELECT * FROM appointments').all();
    v12.close();

    const db = openStore({ dataDir, targetVersion: 13 });
    expect(schemaVersion(db)).toBe(13);
    expect(db.prepare('SELECT * FROM appointments').all()).toEqual(before);
    expect(queued(db)).toEqual([]);

    // No account, or no calendar chosen yet: nothing is queued.
    insertAppointment(db, 'a1', 'morel');
    db.prepare(
      `INSERT INTO agenda_caldav_accounts (id, server_url, username, created_at, updated_at)
       VALUES ('morel', 'https://dav.example.fr/', 'morel', 1, 1)`,
    ).run();
    insertAppointment(db, 'a2', 'morel');
    expect(queued(db)).toEqual([]);

    db.prepare("UPDATE agenda_caldav_accounts SET calendar_url = 'https://dav.example.fr/morel/cabinet/'").run();
    insertAppointment(db, 'a3', 'morel');
    insertAppointment(db, 'l1', 'lenoir'); // Dr Lenoir's agenda is not synced
    db.prepare("UPDATE appointments SET start_utc = 3000, end_utc = 4000, updated_by = 'Sophie' WHERE id = 'a1'").run();
    db.prepare("UPDATE appointments SET new_caller = 1 WHERE id = 'a2'").run(); // not written to the calendar
    // The sync applying the practitioner's own move queues nothing back.
    db.prepare("UPDATE appointments SET start_utc = 5000, end_utc = 6000, updated_by = 'caldav' WHERE id = 'a3'").run();
    expect(queued(db)).toEqual([
      { appointment_id: 'a3', agenda_id: 'morel', state: 'pending' },
      { appointment_id: 'a1', agenda_id: 'morel', state: 'pending' },
    ]);

    // Moved to an unsynced agenda: the write goes to the calendar that holds it (its link's agenda).
    db.prepare(
      `INSERT INTO agenda_caldav_links (id, agenda_id, href, etag, state, updated_at)
       VALUES ('a3', 'morel', 'https://dav.example.fr/morel/cabinet/x.ics', '"1"', 'synced', 1)`,
    ).run();
    db.prepare("UPDATE appointments SET agenda_id = 'lenoir', updated_by = 'Sophie' WHERE id = 'a3'").run();
    expect(queued(db).at(-1)).toEqual({ appointment_id: 'a3', agenda_id: 'morel', state: 'pending' });

    // An account belongs to an existing agenda, and its server address is http(s).
    expect(() =>
      db
        .prepare(
          `INSERT INTO agenda_caldav_accounts (id, server_url, username, created_at, updated_at)
           VALUES ('nope', 'https://x/', 'u', 1, 1)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO agenda_caldav_accounts (id, server_url, username, created_at, updated_at)
           VALUES ('lenoir', 'ftp://x/', 'u', 1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
