import ICAL from 'ical.js';
import { agendaConfigSchema } from '../../shared/domain/agenda/config';
import { createMartin, configureSmtp, openMessagingContext, type MessagingContext } from './messaging-context';
import { startSmtpServer, waitFor, type TestSmtpServer } from './smtp-test-server';

/**
 * The caller's appointment e-mails over real SMTP: booked → one confirmation with the .ics attached (DTSTART with
 * its TZID), moved → « déplacé » with SEQUENCE 1, cancelled → METHOD:CANCEL; each once, a second pump sends
 * nothing more.
 */
let t: MessagingContext;
let smtp: TestSmtpServer;
afterEach(async () => {
  await t.close();
  await smtp.stop();
});

function calendarPart(raw: string): ICAL.Component {
  const part = /Content-Type: text\/calendar[^\r\n]*(?:\r?\n[^\r\n]+)*\r?\n\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
  if (!part) throw new Error('no text/calendar part');
  const head = raw.slice(part.index, part.index + part[0].indexOf(part[1]!));
  const body = /base64/i.test(head) ? Buffer.from(part[1]!.replace(/\s+/g, ''), 'base64').toString('utf8') : part[1]!;
  return new ICAL.Component(ICAL.parse(body) as unknown[]);
}

describe('appointment e-mails over SMTP', () => {
  it('sends the confirmation with its .ics once, then the move and the cancellation notices', async () => {
    smtp = await startSmtpServer();
    t = openMessagingContext();
    configureSmtp(t.services, smtp.port);
    const firmId = createMartin(t.services);
    const every = [1, 2, 3, 4, 5, 6, 7] as const;
    t.services.agenda.config.save(
      firmId,
      agendaConfigSchema.parse({
        settings: { closedOnPublicHolidays: false, reminderEnabled: false },
        agendas: [
          {
            id: 'claire',
            name: 'Me Claire Martin',
            template: every.map((weekday) => ({ weekday, start: '09:00', end: '18:00' })),
          },
        ],
        motifs: [{ id: 'rdv', name: 'Premier rendez-vous', durationMinutes: 30, agendaIds: ['claire'] }],
      }),
      undefined,
    );
    const [slot] = t.services.agenda.queries.findSlots({
      firmId,
      motifId: 'rdv',
      agendaIds: [],
      part: 'any',
      limit: 2,
      horizonDays: 56,
    });
    const booked = t.services.agenda.booking.book({
      firmId,
      agendaId: 'claire',
      motifId: 'rdv',
      startsAt: slot!.startsAt,
      caller: { contactId: null, name: 'M. Dupont', phone: '06 12 34 56 78', email: 'dupont@client.test' },
      newCaller: true,
      note: '',
      callId: null,
      force: null,
    });
    t.services.messages.startWorker();
    const first = await waitFor(() => smtp.received[0], 'the confirmation');
    expect(first.envelopeTo).toEqual(['dupont@client.test']);
    expect(first.subject).toMatch(/^\[Cabinet Martin\] Rendez-vous confirmé le /);
    expect(first.text).toContain('Premier rendez-vous avec Me Claire Martin');
    const calendar = calendarPart(first.raw);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const event = calendar.getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(booked.uid);
    expect(event.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
    const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
    start.zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!);
    expect(start.toUnixTime() * 1000).toBe(booked.startsAt);

    await t.services.worker.drain();
    expect(smtp.received).toHaveLength(1);

    const later = booked.startsAt + 2 * 3_600_000;
    t.services.agenda.booking.move({ id: booked.id, startsAt: later, force: { reason: 'test' } });
    const moved = await waitFor(() => smtp.received[1], 'the move notice');
    expect(moved.subject).toMatch(/Rendez-vous déplacé au /);
    const movedEvent = calendarPart(moved.raw).getFirstSubcomponent('vevent')!;
    expect(movedEvent.getFirstPropertyValue('sequence')).toBe(1);

    t.services.agenda.booking.setStatus(booked.id, 'cancelled');
    const cancelled = await waitFor(() => smtp.received[2], 'the cancellation notice');
    expect(cancelled.subject).toMatch(/annulé$/);
    expect(calendarPart(cancelled.raw).getFirstPropertyValue('method')).toBe('CANCEL');
    await t.services.worker.drain();
    expect(smtp.received).toHaveLength(3);
  }, 60_000);
});
