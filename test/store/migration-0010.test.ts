import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0010 (agenda model)', () => {
  it('adds agendas, motifs, exceptions, appointments and busy blocks to a store with rows, which keep their values', () => {
    const dataDir = tempDir();
    const v9 = openStore({ dataDir, targetVersion: 9 });
    v9.prepare(
      `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
       VALUES ('f1', 1, 'Cabinet du Dr Kerjean', 'medical', '#228844', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
    ).run();
    v9.prepare(
      `INSERT INTO contacts (id, firm_id, name, created_at, updated_at) VALUES ('c1', 'f1', 'Mme Le Goff', 1, 1)`,
    ).run();
    const before = {
      firms: v9.prepare('SELECT * FROM firms').all(),
      contacts: v9.prepare('SELECT * FROM contacts').all(),
    };
    v9.close();

    const db = openStore({ dataDir, targetVersion: 10 });
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT * FROM firms').all()).toEqual(before.firms);
    expect(db.prepare('SELECT * FROM contacts').all()).toEqual(before.contacts);

    db.prepare(
      `INSERT INTO agendas (id, firm_id, position, name, kind, color, template, created_at, updated_at)
       VALUES ('a1', 'f1', 0, 'Dr Kerjean', 'practitioner', '#228844', '[]', 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO agenda_motifs (id, firm_id, position, name, duration_minutes, color, agenda_ids, created_at, updated_at)
       VALUES ('m1', 'f1', 0, 'Consultation', 20, '#336699', '["a1"]', 1, 1)`,
    ).run();
    const insertAppointment = db.prepare(
      `INSERT INTO appointments (id, uid, firm_id, agenda_id, motif_id, start_utc, end_utc, time_zone, contact_id,
         status, created_by, created_at, updated_by, updated_at)
       VALUES (?, ?, 'f1', 'a1', 'm1', ?, ?, 'Europe/Paris', 'c1', ?, 'Sophie', 1, 'Sophie', 1)`,
    );
    insertAppointment.run('r1', 'r1@permanence', 1_000, 2_000, 'booked');
    expect(() => insertAppointment.run('r2', 'r2@elsewhere', 1_000, 2_000, 'booked')).toThrow(/CHECK/);
    expect(() => insertAppointment.run('r3', 'r1@permanence', 3_000, 4_000, 'booked')).toThrow(/UNIQUE/);
    expect(() => insertAppointment.run('r4', 'r4@permanence', 2_000, 1_000, 'booked')).toThrow(/CHECK/);
    expect(() => insertAppointment.run('r5', 'r5@permanence', 1_000, 2_000, 'lost')).toThrow(/CHECK/);
    // A closure is firm-wide, an absence belongs to an agenda.
    expect(() =>
      db
        .prepare(
          `INSERT INTO agenda_exceptions (id, firm_id, agenda_id, kind, from_date, to_date) VALUES ('e1', 'f1', 'a1', 'closure', '2026-12-24', '2026-12-26')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    db.prepare(
      `INSERT INTO agenda_busy_blocks (id, agenda_id, start_utc, end_utc, source_uid, updated_at)
       VALUES ('b1', 'a1', 5_000, 6_000, 'evt@nextcloud', 1)`,
    ).run();

    // Erasing a contact keeps the appointment (a name on the day sheet) without the link.
    db.prepare("DELETE FROM contacts WHERE id = 'c1'").run();
    expect(db.prepare("SELECT contact_id FROM appointments WHERE id = 'r1'").get()).toEqual({ contact_id: null });
    // Removing a firm removes its agenda rows with it.
    db.prepare("DELETE FROM firms WHERE id = 'f1'").run();
    for (const table of ['agendas', 'agenda_motifs', 'appointments', 'agenda_busy_blocks']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    }
    db.close();
  });
});
