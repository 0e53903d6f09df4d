import type { Services } from '../../../main/services';
import type { Db } from '../../../main/store/open';
import { createMartin, dupont } from '../messaging-context';
import { makeFirmDraft, parsedDraft } from '../../fixtures/factories';

/** Strings that belong to Hélène Kerjean only: none may be left in the store's bytes after her erasure. */
export const CANARIES = ['Kerjean', 'kerjean', 'KERJEAN', '0611223344', '611223344', 'zorglubcanari', 'hibouxcanari'];
export const HER_PHONE = '06 11 22 33 44';
export const HER_E164 = '+33611223344';
export const AT = Date.UTC(2026, 10, 24, 10, 0, 0);

export interface Seeded {
  martin: string;
  roux: string;
  /** Her contact in Martin's firm. */
  contactId: string;
  /** Rows of hers in Martin's firm, by kind. */
  hers: { calls: string[]; messages: string[]; appointments: string[]; timeEntries: string[] };
}

function insertCall(db: Db, id: string, firmId: string, at: number, number: string, name: string): void {
  db.prepare(
    `INSERT INTO calls (id, direction, firm_id, caller_number, caller_raw, caller_name, offered_at, answered_at, ended_at, outcome)
     VALUES (?, 'inbound', ?, ?, ?, ?, ?, ?, ?, 'answered')`,
  ).run(id, firmId, number, `"${name}" <sip:${number}@pbx.test>`, name, at, at + 1_000, at + 90_000);
}

function insertAppointment(db: Db, firmId: string, id: string, callerName: string, phone: string, note: string) {
  db.prepare(
    `INSERT OR IGNORE INTO agendas (id, firm_id, position, name, kind, color, created_at, updated_at)
     VALUES (?, ?, 0, 'Dr Roux', 'practitioner', '#224488', 1, 1)`,
  ).run(`agenda-${firmId}`, firmId);
  db.prepare(
    `INSERT OR IGNORE INTO agenda_motifs (id, firm_id, position, name, duration_minutes, color, created_at, updated_at)
     VALUES (?, ?, 0, 'Consultation', 20, '#224488', 1, 1)`,
  ).run(`motif-${firmId}`, firmId);
  db.prepare(
    `INSERT INTO appointments (id, uid, firm_id, agenda_id, motif_id, start_utc, end_utc, time_zone, caller_name,
       caller_phone, note, status, created_by, created_at, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Europe/Paris', ?, ?, ?, 'booked', 'sophie', 1, 'sophie', 1)`,
  ).run(
    id,
    `${id}@permanence`,
    firmId,
    `agenda-${firmId}`,
    `motif-${firmId}`,
    AT + 86_400_000,
    AT + 87_600_000,
    callerName,
    phone,
    note,
  );
}

/**
 * Two firms. In Martin's: Hélène Kerjean (a contact with her number, a call, a sent message with its outbox
 * row, a draft that names her in its text only, an appointment, a time entry labelled with her name, an entry
 * whose label was edited to mention her number) and M. Dupont (the same kinds, who must stay). In Roux's: a
 * message from her too, untouched unless every firm is chosen.
 */
export function seedPeople(services: Services, db: Db): Seeded {
  const martin = createMartin(services);
  const roux = services.firms.save({
    draft: parsedDraft(
      makeFirmDraft({
        name: 'Cabinet Roux',
        greeting: 'Cabinet Roux, bonjour.',
        numbers: [{ e164: '01 99 00 00 02', label: 'standard' }],
      }),
    ),
  }).id;
  const contact = services.contacts.save({
    firmId: martin,
    contact: {
      name: 'Hélène Kerjean',
      company: '',
      phones: [HER_E164],
      email: 'helene@kerjean.test',
      notes: 'Préfère être rappelée le matin (hibouxcanari)',
      vip: false,
      doNotTransfer: false,
    },
  });
  services.contacts.save({
    firmId: martin,
    contact: {
      name: 'Marc Dupont',
      company: '',
      phones: ['+33612345678'],
      email: '',
      notes: '',
      vip: false,
      doNotTransfer: false,
    },
  });
  insertCall(db, 'call-her', martin, AT, HER_E164, 'Hélène Kerjean');
  insertCall(db, 'call-dupont', martin, AT + 60_000, '+33612345678', 'Marc Dupont');
  insertCall(db, 'call-her-roux', roux, AT, HER_E164, 'Hélène Kerjean');
  const sent = services.messages.send({
    firmId: martin,
    content: dupont({
      callerName: 'Hélène Kerjean',
      callerPhone: HER_PHONE,
      callerEmail: 'helene@kerjean.test',
      motif: 'Résultats d’analyse',
      body: 'Elle attend ses résultats (zorglubcanari) et demande un rappel.',
      recipients: ['claire'],
    }),
  });
  const draft = services.messages.saveDraft({
    firmId: martin,
    content: dupont({
      callerName: 'Mme Lefort',
      callerPhone: '',
      body: 'Appelle pour sa voisine Hélène KERJEAN, hospitalisée.',
    }),
  });
  services.messages.send({ firmId: martin, content: dupont({ recipients: ['claire'] }) });
  services.messages.send({
    firmId: roux,
    content: dupont({ callerName: 'Hélène Kerjean', callerPhone: HER_PHONE, body: 'Rendez-vous à déplacer.' }),
  });
  insertAppointment(db, martin, 'rdv-her', 'Hélène Kerjean', HER_E164, 'Apporter les résultats');
  insertAppointment(db, martin, 'rdv-dupont', 'Marc Dupont', '+33612345678', 'Première visite');
  const labelled = services.timesheets.create({
    firmId: martin,
    taskType: 'call',
    startedAt: AT,
    durationSeconds: 300,
    quantity: 1,
    billable: true,
    urgent: false,
    label: 'Rappel Hélène Kerjean',
    note: '',
  });
  const numbered = services.timesheets.create({
    firmId: martin,
    taskType: 'call',
    startedAt: AT + 3_600_000,
    durationSeconds: 120,
    quantity: 1,
    billable: true,
    urgent: false,
    label: 'Rappel',
    note: '',
  });
  services.timesheets.update(numbered.id, { label: 'Rappel au 06.11.22.33.44' }); // the audit row holds it too
  services.timesheets.create({
    firmId: martin,
    taskType: 'call',
    startedAt: AT + 7_200_000,
    durationSeconds: 60,
    quantity: 1,
    billable: true,
    urgent: false,
    label: 'Marc Dupont',
    note: '',
  });
  return {
    martin,
    roux,
    contactId: contact.id,
    hers: {
      calls: ['call-her'],
      messages: [sent.id, draft.id],
      appointments: ['rdv-her'],
      timeEntries: [labelled.id, numbered.id],
    },
  };
}
