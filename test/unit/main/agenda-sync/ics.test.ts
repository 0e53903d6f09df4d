import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { minimise, readCalendarObject } from '../../../../main/services/agenda/sync/ics-read';
import { writeAppointmentIcs } from '../../../../main/services/agenda/sync/ics-write';

const PARIS = 'Europe/Paris';
const paris = (iso: string) => DateTime.fromISO(iso, { zone: PARIS }).toMillis();
const hhmm = (ms: number) => DateTime.fromMillis(ms, { zone: PARIS }).toFormat('yyyy-MM-dd HH:mm');
const WINDOW = { from: paris('2026-01-01T00:00'), to: paris('2027-01-01T00:00') };

const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Romance Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//FR', ...lines, 'END:VCALENDAR', ''].join('\r\n');

// The suite runs once per process zone: the instants must not depend on it (CI runs under TZ=UTC, her machine
// under Europe/Paris).
const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

for (const tz of ['UTC', PARIS]) {
  describe(`iCalendar read and write under TZ=${tz}`, () => {
    it('runs under the zone it names', () => {
      process.env.TZ = tz;
      expect(new Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(tz === 'UTC' ? 'UTC' : PARIS);
    });

    it('keeps a weekly 09:00 series at 09:00 across the March and October DST changes', () => {
      process.env.TZ = tz;
      const read = readCalendarObject(
        calendar(
          'BEGIN:VEVENT',
          'UID:weekly-1',
          'DTSTAMP:20260101T000000Z',
          'DTSTART;TZID=Europe/Paris:20260316T090000',
          'DTEND;TZID=Europe/Paris:20260316T100000',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:weekly-2',
          'END:VEVENT',
        ),
        WINDOW,
        PARIS,
      );
      expect(read.ok && read.occurrences.map((o) => hhmm(o.start))).toEqual([
        '2026-03-16 09:00',
        '2026-03-23 09:00',
        '2026-03-30 09:00', // first Monday after the change of 29 March
        '2026-04-06 09:00',
      ]);
      const october = readCalendarObject(
        calendar(
          'BEGIN:VEVENT',
          'UID:october',
          'DTSTART;TZID=Europe/Paris:20261019T083000',
          'DURATION:PT45M',
          'RRULE:FREQ=WEEKLY;UNTIL=20261102T235959Z',
          'END:VEVENT',
        ),
        WINDOW,
        PARIS,
      );
      expect(october.ok && october.occurrences.map((o) => [hhmm(o.start), (o.end - o.start) / 60_000])).toEqual([
        ['2026-10-19 08:30', 45],
        ['2026-10-26 08:30', 45], // Monday after the change of 25 October
        ['2026-11-02 08:30', 45],
      ]);
    });

    it('applies EXDATE (even written in UTC) and RECURRENCE-ID overrides, moved or cancelled', () => {
      process.env.TZ = tz;
      const read = readCalendarObject(
        calendar(
          'BEGIN:VEVENT',
          'UID:series-overrides',
          'DTSTART;TZID=Europe/Paris:20260302T140000',
          'DTEND;TZID=Europe/Paris:20260302T150000',
          'RRULE:FREQ=WEEKLY;COUNT=6',
          'EXDATE:20260309T130000Z',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:series-overrides',
          'RECURRENCE-ID;TZID=Europe/Paris:20260316T140000',
          'DTSTART;TZID=Europe/Paris:20260317T160000',
          'DTEND;TZID=Europe/Paris:20260317T170000',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:series-overrides',
          'RECURRENCE-ID;TZID=Europe/Paris:20260323T140000',
          'DTSTART;TZID=Europe/Paris:20260323T140000',
          'DTEND;TZID=Europe/Paris:20260323T150000',
          'STATUS:CANCELLED',
          'END:VEVENT',
          'BEGIN:VEVENT',
          'UID:series-overrides',
          'RECURRENCE-ID;TZID=Europe/Paris:20260330T140000',
          'DTSTART;TZID=Europe/Paris:20260330T140000',
          'DTEND;TZID=Europe/Paris:20260330T150000',
          'TRANSP:TRANSPARENT',
          'END:VEVENT',
        ),
        WINDOW,
        PARIS,
      );
      expect(read.ok && read.recurring).toBe(true);
      expect(read.ok && read.occurrences.map((o) => [hhmm(o.start), o.transparent])).toEqual([
        ['2026-03-02 14:00', false],
        ['2026-03-17 16:00', false],
        ['2026-03-30 14:00', true],
        ['2026-04-06 14:00', false],
      ]);
    });

    it('reads an Outlook zone through its own VTIMEZONE, a floating time in the firm zone, and skips cancelled events', () => {
      process.env.TZ = tz;
      const outlook = readCalendarObject(
        calendar(
          ...VTIMEZONE_PARIS,
          'BEGIN:VEVENT',
          'UID:outlook',
          'DTSTART;TZID=Romance Standard Time:20260701T100000',
          'DTEND;TZID=Romance Standard Time:20260701T110000',
          'END:VEVENT',
        ),
        WINDOW,
        PARIS,
      );
      expect(outlook.ok && outlook.occurrences.map((o) => hhmm(o.start))).toEqual(['2026-07-01 10:00']);
      const floating = readCalendarObject(
        calendar('BEGIN:VEVENT', 'UID:f', 'DTSTART:20260105T090000', 'DTEND:20260105T093000', 'END:VEVENT'),
        WINDOW,
        PARIS,
      );
      expect(floating.ok && floating.occurrences.map((o) => hhmm(o.start))).toEqual(['2026-01-05 09:00']);
      const cancelled = readCalendarObject(
        calendar(
          'BEGIN:VEVENT',
          'UID:c',
          'DTSTART:20260105T090000Z',
          'DURATION:PT1H',
          'STATUS:CANCELLED',
          'END:VEVENT',
        ),
        WINDOW,
        PARIS,
      );
      expect(cancelled.ok && cancelled.occurrences).toEqual([]);
      const allDay = readCalendarObject(
        calendar('BEGIN:VEVENT', 'UID:d', 'DTSTART;VALUE=DATE:20261030', 'DTEND;VALUE=DATE:20261031', 'END:VEVENT'),
        WINDOW,
        PARIS,
      );
      expect(allDay.ok && allDay.occurrences.map((o) => [hhmm(o.start), hhmm(o.end)])).toEqual([
        ['2026-10-30 00:00', '2026-10-31 00:00'],
      ]);
    });

    it('reports an unreadable object instead of throwing', () => {
      expect(readCalendarObject('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage', WINDOW, PARIS)).toMatchObject({
        ok: false,
      });
    });

    it('writes an appointment in the firm zone with its VTIMEZONE, and reads it back to the same instants', () => {
      process.env.TZ = tz;
      const start = paris('2026-03-30T09:00');
      const ics = writeAppointmentIcs({
        uid: '0f6c@permanence',
        start,
        end: start + 30 * 60_000,
        timeZone: PARIS,
        summary: 'Consultation — Mme Dupont; suivi',
        description: 'Nouvelle patiente',
        revision: '17',
        sequence: 2,
        stamp: Date.UTC(2026, 2, 1),
      });
      expect(ics).toContain('DTSTART;TZID=Europe/Paris:20260330T090000');
      expect(ics).toContain('BEGIN:VTIMEZONE');
      expect(ics).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200/);
      expect(ics).toContain('SUMMARY:Consultation — Mme Dupont\\; suivi');
      expect(readCalendarObject(ics, WINDOW, 'UTC')).toMatchObject({ ok: true, own: { start, revision: '17' } });
      // Under a name no tz database knows, the VTIMEZONE written is what converts: it must agree with luxon's.
      const own = readCalendarObject(ics.replaceAll('Europe/Paris', 'Paris-own'), WINDOW, 'UTC');
      expect(own.ok && own.own).toEqual({ start, end: start + 30 * 60_000, cancelled: false, revision: '17' });
    });
  });
}

describe('minimise', () => {
  it('keeps the times and rules of a series and drops what describes the practitioner’s other patients', () => {
    const text = minimise(
      calendar(
        'BEGIN:VEVENT',
        'UID:m',
        'DTSTART:20260105T090000Z',
        'DURATION:PT1H',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:M. Secret',
        'DESCRIPTION:Diagnostic',
        'ATTENDEE:mailto:patient@example.org',
        'BEGIN:VALARM',
        'TRIGGER:-PT15M',
        'END:VALARM',
        'END:VEVENT',
      ),
    )!;
    expect(text).not.toMatch(/Secret|Diagnostic|patient@|VALARM/);
    expect(text).toContain('RRULE:FREQ=DAILY;COUNT=3');
    expect(readCalendarObject(text, WINDOW, PARIS)).toMatchObject({ ok: true, occurrences: { length: 3 } });
  });
});
