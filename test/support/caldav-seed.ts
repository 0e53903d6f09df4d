// iCalendar objects for the CalDAV sync tests and bench (written into Radicale's storage or PUT).
const CRLF = '\r\n';

/** Europe/Paris as calendar clients write it (rules, not dates): servers such as Radicale need it to index. */
export const VTIMEZONE_PARIS = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

export function vcalendar(...events: string[][]): string {
  const zoned = events.some((e) => e.some((line) => line.includes('TZID=Europe/Paris')));
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Permanence//tests//FR',
    ...(zoned ? VTIMEZONE_PARIS : []),
    ...events.flat(),
    'END:VCALENDAR',
    '',
  ].join(CRLF);
}

/** Local wall time in Europe/Paris as an iCalendar value: 2026-03-16T09:00 → 20260316T090000. */
export const local = (iso: string) => iso.replace(/[-:]/g, '').padEnd(15, '0');

export function vevent(props: {
  uid: string;
  start: string;
  end: string;
  zone?: string;
  rrule?: string;
  exdates?: string[];
  recurrenceId?: string;
  transparent?: boolean;
  cancelled?: boolean;
  summary?: string;
  extra?: string[];
}): string[] {
  const zone = props.zone ?? 'Europe/Paris';
  return [
    'BEGIN:VEVENT',
    `UID:${props.uid}`,
    'DTSTAMP:20260101T000000Z',
    ...(props.recurrenceId ? [`RECURRENCE-ID;TZID=${zone}:${local(props.recurrenceId)}`] : []),
    `DTSTART;TZID=${zone}:${local(props.start)}`,
    `DTEND;TZID=${zone}:${local(props.end)}`,
    ...(props.rrule ? [`RRULE:${props.rrule}`] : []),
    ...(props.exdates ?? []).map((d) => `EXDATE;TZID=${zone}:${local(d)}`),
    ...(props.transparent ? ['TRANSP:TRANSPARENT'] : []),
    ...(props.cancelled ? ['STATUS:CANCELLED'] : []),
    `SUMMARY:${props.summary ?? 'Occupé'}`,
    ...(props.extra ?? []),
    'END:VEVENT',
  ];
}

/**
 * `count` objects for one calendar: every tenth a weekly series (one EXDATE and one moved occurrence), the rest
 * single 30-minute events spread over working hours from `firstDay` on. File names are not the UIDs.
 */
export function seedObjects(count: number, firstDay = '2026-01-05', weeks = 52): Array<{ name: string; ics: string }> {
  const objects: Array<{ name: string; ics: string }> = [];
  const day0 = Date.parse(`${firstDay}T00:00:00Z`);
  for (let i = 0; i < count; i += 1) {
    const day = new Date(day0 + Math.floor(i / 16) * 86_400_000).toISOString().slice(0, 10);
    const hour = 8 + (i % 16) * 0.5;
    const hh = String(Math.floor(hour)).padStart(2, '0');
    const mm = hour % 1 ? '30' : '00';
    const endH = String(Math.floor(hour + 0.5)).padStart(2, '0');
    const endM = (hour + 0.5) % 1 ? '30' : '00';
    const start = `${day}T${hh}:${mm}`;
    const end = `${day}T${endH}:${endM}`;
    const uid = `seed-${i}-${(i * 2654435761) % 1e9}@example.org`;
    if (i % 10 === 0) {
      const week2 = new Date(Date.parse(`${day}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
      const week3 = new Date(Date.parse(`${day}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
      objects.push({
        name: `obj-${i}.ics`,
        ics: vcalendar(
          vevent({ uid, start, end, rrule: `FREQ=WEEKLY;COUNT=${weeks}`, exdates: [`${week2}T${hh}:${mm}`] }),
          vevent({ uid, recurrenceId: `${week3}T${hh}:${mm}`, start: `${week3}T19:00`, end: `${week3}T19:30` }),
        ),
      });
    } else objects.push({ name: `obj-${i}.ics`, ics: vcalendar(vevent({ uid, start, end })) });
  }
  return objects;
}
