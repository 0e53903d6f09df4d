import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { contactInputSchema } from '../../../../shared/domain/firm/contact';
import { agendaConfigSchema, type AgendaConfig } from '../../../../shared/domain/agenda/config';
import {
  createAppointmentMail,
  DEFAULT_APPOINTMENT_MAIL_SETTINGS,
  type AppointmentMailSettings,
} from '../../../../main/services/agenda/mail';
import { appointmentIcs } from '../../../../main/services/agenda/mail/ics';
import { createMartin, openMessagingContext, type MessagingContext } from '../../../integration/messaging-context';

/**
 * The appointment e-mails: the .ics read back with ical.js (DTSTART with its TZID and VTIMEZONE, right under
 * TZ=UTC and TZ=Europe/Paris), and the outbox jobs: once per appointment, purpose and revision, obsolete ones
 * cancelled by a change, reminders at the firm's hour the day before, the practitioner's digest.
 */

const ZONE = 'Europe/Paris';
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
  const event = calendar.getFirstSubcomponent('vevent')!;
  const dtstart = event.getFirstProperty('dtstart')!;
  const start = dtstart.getFirstValue() as ICAL.Time;
  start.zone = zone;
  return { calendar, event, dtstart, start, zone };
}

describe('the appointment .ics', () => {
  const base = {
    uid: '0b7c2a8e-4f1d-4c55-9b7e-1f2a3b4c5d6e@permanence',
    sequence: 0,
    cancelled: false,
    timeZone: ZONE,
    summary: 'Consultation — Dr Morel (Cabinet médical)',
    location: '12 rue des Lilas, 75011 Paris',
    description: 'Pour annuler ou déplacer ce rendez-vous, appelez le cabinet au 01 42 00 00 01.',
    organizer: { name: 'Cabinet médical', email: 'secretariat@permanence.test' },
    attendee: { name: 'Jeanne Petit', email: 'jeanne@client.test' },
    stampUtc: Date.UTC(2026, 2, 1, 9, 0),
  };

  it.each([
    ['summer (CEST, +02:00)', '2026-06-15T10:30', '20260615T103000'],
    ['winter (CET, +01:00)', '2026-12-07T09:00', '20261207T090000'],
    ['the Monday after the spring DST change', '2026-03-30T08:15', '20260330T081500'],
  ])('writes DTSTART with TZID and a VTIMEZONE in %s, whatever the process zone', (_, local, wall) => {
    const startUtc = at(local);
    const ics = appointmentIcs({ ...base, startUtc, endUtc: startUtc + 20 * 60_000 });
    expect(ics).toContain(`DTSTART;TZID=Europe/Paris:${wall}`);
    const { dtstart, start, zone, event, calendar } = parse(ics);
    expect(dtstart.getParameter('tzid')).toBe(ZONE);
    expect(zone.tzid).toBe(ZONE);
    // The wall clock plus the VTIMEZONE's rules give back the same instant.
    expect(start.toUnixTime() * 1000).toBe(startUtc);
    expect(event.getFirstPropertyValue('uid')).toBe(base.uid);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(event.getFirstPropertyValue('location')).toBe(base.location);
  });

  it('cancels with METHOD:CANCEL, STATUS:CANCELLED and a higher SEQUENCE for the same UID', () => {
    const startUtc = at('2026-06-15T10:30');
    const { calendar, event } = parse(
      appointmentIcs({ ...base, sequence: 2, cancelled: true, startUtc, endUtc: startUtc + 1_200_000 }),
    );
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('uid')).toBe(base.uid);
  });
});

describe('the appointment e-mails in the outbox', () => {
  let t: MessagingContext;
  let now = at('2026-06-10T14:00');
  let firmId = '';
  let settings: AppointmentMailSettings = { ...DEFAULT_APPOINTMENT_MAIL_SETTINGS };
  let config: AgendaConfig;

  function appointment(id: string, startLocal: string, contactId: string | null, createdAt = now, by = 'test') {
    const start = at(startLocal);
    t.db
      .prepare(
        `INSERT INTO appointments (id, uid, firm_id, agenda_id, motif_id, start_utc, end_utc, time_zone, contact_id,
           caller_name, caller_phone, new_caller, note, status, created_by, created_at, updated_by, updated_at)
         VALUES (?, ?, ?, 'morel', 'consult', ?, ?, ?, ?, 'Jeanne Petit', '+33612345678', 1, 'Douleur au genou',
           'booked', ?, ?, 'test', ?)`,
      )
      .run(id, `${id}@permanence`, firmId, start, start + 20 * 60_000, ZONE, contactId, by, createdAt, createdAt);
  }

  function mail() {
    return createAppointmentMail(t.services.ctx, {
      outbox: t.services.messages.outbox,
      kick: () => undefined,
      fromAddress: () => 'secretariat@permanence.test',
      firm: (id) => t.services.firms.get(id),
      config: () => config,
      settings: () => settings,
    });
  }

  const jobs = () =>
    t.db
      .prepare<
        [],
        { kind: string; state: string; revision: number; header: string; subject: string; to: string; body: string }
      >(
        `SELECT kind, state, revision, message_id_header AS header, subject, recipients AS "to", text_body AS body
           FROM outbox ORDER BY seq`,
      )
      .all();

  beforeEach(() => {
    now = at('2026-06-10T14:00');
    settings = { ...DEFAULT_APPOINTMENT_MAIL_SETTINGS };
    t = openMessagingContext({ now: () => now });
    firmId = createMartin(t.services, {
      people: [{ id: 'p-morel', name: 'Dr Morel', email: 'morel@cabinet.test', receivesMessages: 'addressed-only' }],
    });
    config = agendaConfigSchema.parse({
      agendas: [{ id: 'morel', name: 'Dr Morel', personId: 'p-morel', template: [] }],
      motifs: [
        {
          id: 'consult',
          name: 'Consultation',
          durationMinutes: 20,
          agendaIds: ['morel'],
          instructions: 'Apportez votre carte Vitale.',
        },
      ],
    });
    const stamp = now;
    t.db
      .prepare(
        `INSERT INTO agendas (id, firm_id, position, name, kind, person_id, color, created_at, updated_at)
         VALUES ('morel', ?, 0, 'Dr Morel', 'practitioner', 'p-morel', '#336699', ?, ?)`,
      )
      .run(firmId, stamp, stamp);
    t.db
      .prepare(
        `INSERT INTO agenda_motifs (id, firm_id, position, name, duration_minutes, color, agenda_ids, created_at,
           updated_at) VALUES ('consult', ?, 0, 'Consultation', 20, '#336699', '["morel"]', ?, ?)`,
      )
      .run(firmId, stamp, stamp);
  });
  afterEach(async () => {
    await t.close();
  });

  function jeanne(email = 'jeanne@client.test') {
    return t.services.contacts.save({
      firmId,
      contact: contactInputSchema.parse({ name: 'Jeanne Petit', email, phones: ['06 12 34 56 78'] }),
    }).id;
  }

  it('queues the confirmation once, to the caller, with the firm, the time and how to cancel', () => {
    appointment('a1', '2026-06-15T10:30', jeanne());
    const m = mail();
    expect(t.db.transaction(() => m.queue('a1', 'booked'))()).toBe(true);
    expect(t.db.transaction(() => m.queue('a1', 'booked'))()).toBe(false);
    const [job, ...others] = jobs();
    expect(others).toHaveLength(0);
    expect(job!.kind).toBe('message');
    expect(job!.header).toBe('<rdv-confirmation-0-a1@permanence.test>');
    expect(JSON.parse(job!.to).to).toEqual([{ name: 'Jeanne Petit', email: 'jeanne@client.test' }]);
    expect(job!.subject).toBe('[Cabinet Martin] Rendez-vous confirmé le lundi 15 juin 2026 à 10:30');
    expect(job!.body).toContain('Consultation avec Dr Morel');
    expect(job!.body).toContain('Apportez votre carte Vitale.');
    expect(job!.body).toMatch(/Pour annuler ou déplacer ce rendez-vous, appelez Cabinet Martin/);
  });

  it('queues nothing when the caller has no e-mail address', () => {
    appointment('a1', '2026-06-15T10:30', jeanne(''));
    appointment('a2', '2026-06-15T11:30', null);
    const m = mail();
    expect(m.queue('a1', 'booked')).toBe(false);
    expect(m.queue('a2', 'booked')).toBe(false);
    expect(jobs()).toHaveLength(0);
  });

  it('a move cancels the confirmation not sent yet and queues « déplacé » with the next SEQUENCE and the new time', async () => {
    appointment('a1', '2026-06-15T10:30', jeanne());
    const m = mail();
    m.queue('a1', 'booked');
    const before = at('2026-06-15T10:30');
    t.db
      .prepare("UPDATE appointments SET start_utc = ?, end_utc = ?, status = 'moved' WHERE id = 'a1'")
      .run(at('2026-06-16T09:00'), at('2026-06-16T09:20'));
    m.queue('a1', 'moved', before);
    const [confirmation, moved] = jobs();
    expect(confirmation!.state).toBe('cancelled');
    expect(moved!.header).toBe('<rdv-moved-1-a1@permanence.test>');
    expect(moved!.body).toContain('Votre rendez-vous du lundi 15 juin 2026 à 10:30 est déplacé.');
    expect(moved!.subject).toContain('mardi 16 juin 2026 à 09:00');

    const job = t.services.messages.outbox.nextDue(now)!;
    const [attachment] = m.attachmentsFor(job)!;
    const { event, start } = parse(attachment!.content.toString('utf8'));
    expect(start.toUnixTime() * 1000).toBe(at('2026-06-16T09:00'));
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(attachment!.contentType).toContain('method=REQUEST');

    t.db.prepare("UPDATE appointments SET status = 'cancelled' WHERE id = 'a1'").run();
    m.queue('a1', 'cancelled');
    const all = jobs();
    expect(all.map((j) => [j.header.slice(0, 18), j.state])).toEqual([
      ['<rdv-confirmation-', 'cancelled'],
      ['<rdv-moved-1-a1@pe', 'cancelled'],
      ['<rdv-cancelled-2-a', 'pending'],
    ]);
    const cancel = m.attachmentsFor(t.services.messages.outbox.nextDue(now)!)!;
    expect(cancel[0]!.contentType).toContain('method=CANCEL');
    expect(parse(cancel[0]!.content.toString('utf8')).calendar.getFirstPropertyValue('method')).toBe('CANCEL');
  });

  it('sends the reminder once, at the firm’s hour the day before, not to appointments booked after that hour', () => {
    const contact = jeanne();
    appointment('a1', '2026-06-12T10:30', contact, at('2026-06-09T09:00'));
    appointment('late', '2026-06-12T16:00', contact, at('2026-06-11T19:00'));
    const m = mail();
    now = at('2026-06-11T17:59');
    expect(m.runDue()).toBe(0);
    now = at('2026-06-11T18:00');
    expect(m.runDue()).toBe(1);
    now = at('2026-06-11T19:30');
    expect(m.runDue()).toBe(0);
    const reminders = jobs().filter((j) => j.header.startsWith('<rdv-reminder'));
    expect(reminders.map((j) => j.header)).toEqual(['<rdv-reminder-0-a1@permanence.test>']);
    expect(reminders[0]!.subject).toBe('[Cabinet Martin] Rappel : rendez-vous demain à 10:30');
  });

  it('sends no reminder for the demo workspace’s own appointments (made-up callers)', () => {
    appointment('demo', '2026-06-12T10:30', jeanne(), at('2026-06-09T09:00'), 'démo');
    now = at('2026-06-11T18:30');
    expect(mail().runDue()).toBe(0);
  });

  it('sends no reminder when the firm turned them off', () => {
    settings = { ...settings, reminderEnabled: false };
    appointment('a1', '2026-06-12T10:30', jeanne(), at('2026-06-09T09:00'));
    now = at('2026-06-11T18:30');
    expect(mail().runDue()).toBe(0);
  });

  it('sends the practitioner the next day’s list once, at the firm’s digest hour', () => {
    settings = { ...settings, reminderEnabled: false, practitionerDigestEnabled: true, practitionerDigestHour: 19 };
    appointment('a1', '2026-06-12T10:30', jeanne(), at('2026-06-09T09:00'));
    appointment('a2', '2026-06-12T09:00', null, at('2026-06-09T09:00'));
    const m = mail();
    now = at('2026-06-11T18:59');
    expect(m.runDue()).toBe(0);
    now = at('2026-06-11T19:00');
    expect(m.runDue()).toBe(1);
    expect(m.runDue()).toBe(0);
    const [digest] = jobs();
    expect(digest!.kind).toBe('digest');
    expect(JSON.parse(digest!.to).to).toEqual([{ name: 'Dr Morel', email: 'morel@cabinet.test' }]);
    expect(digest!.subject).toBe('[Cabinet Martin] Dr Morel — rendez-vous du vendredi 12 juin 2026');
    expect(digest!.body.indexOf('09:00–09:20')).toBeLessThan(digest!.body.indexOf('10:30–10:50'));
    expect(digest!.body).toContain('Douleur au genou');
  });
});
