import ICAL from 'ical.js';
import { DateTime } from 'luxon';

/**
 * One of Permanence's appointments as the calendar object written to the firm's calendar, with ical.js (escaping
 * and line folding are its job). Times are written in the firm's zone (TZID) with a VTIMEZONE built from the tz
 * database by luxon, so the practitioner's client shows 09:00 whatever the machine's zone: no plain Date goes
 * through the process's zone here (the trap ical-generator sets when given a Date and a timezone).
 */
export interface AppointmentEvent {
  uid: string;
  start: number;
  end: number;
  timeZone: string;
  summary: string;
  description: string;
  /** The local revision being written (X-PERMANENCE-REV), to recognise our own write read back. */
  revision: string;
  /** Increases with every change the practitioner's client should treat as new (RFC 5545 SEQUENCE). */
  sequence: number;
  stamp: number;
}

const PRODID = '-//Permanence//Agenda//FR';

function localTime(ms: number, zone: string): ICAL.Time {
  const t = DateTime.fromMillis(ms, { zone });
  return ICAL.Time.fromData({
    year: t.year,
    month: t.month,
    day: t.day,
    hour: t.hour,
    minute: t.minute,
    second: t.second,
  });
}

function utcTime(ms: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(ms), true);
}

const offsetText = (minutes: number): ICAL.UtcOffset => ICAL.UtcOffset.fromSeconds(minutes * 60);

const offsetAt = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

/** The zone's offset changes between two instants, to the minute (days scanned, then bisected). */
function transitions(zone: string, from: number, to: number): Array<{ at: number; before: number; after: number }> {
  const found: Array<{ at: number; before: number; after: number }> = [];
  const DAY = 86_400_000;
  for (let t = from; t < to; t += DAY) {
    const before = offsetAt(t, zone);
    const after = offsetAt(Math.min(t + DAY, to), zone);
    if (before === after) continue;
    let lo = t;
    let hi = Math.min(t + DAY, to);
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetAt(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before, after });
  }
  return found;
}

/** VTIMEZONE for `zone` covering a year either side of `around` (one observance per change, no RRULE to get wrong). */
export function vtimezone(zone: string, around: number): ICAL.Component {
  const component = new ICAL.Component('vtimezone');
  component.addPropertyWithValue('tzid', zone);
  const year = 366 * 86_400_000;
  const changes = transitions(zone, around - year, around + year);
  if (changes.length === 0) {
    const offset = offsetAt(around, zone);
    const standard = new ICAL.Component('standard');
    standard.addPropertyWithValue('dtstart', ICAL.Time.fromData({ year: 1970, month: 1, day: 1 }));
    standard.getFirstProperty('dtstart')!.resetType('date-time');
    standard.addPropertyWithValue('tzoffsetfrom', offsetText(offset));
    standard.addPropertyWithValue('tzoffsetto', offsetText(offset));
    component.addSubcomponent(standard);
    return component;
  }
  for (const change of changes) {
    const daylight = DateTime.fromMillis(change.at, { zone }).isInDST;
    const observance = new ICAL.Component(daylight ? 'daylight' : 'standard');
    // DTSTART is the local time just before the change, in the offset in force before it.
    const local = DateTime.fromMillis(change.at, { zone: 'UTC' }).plus({ minutes: change.before });
    observance.addPropertyWithValue(
      'dtstart',
      ICAL.Time.fromData({
        year: local.year,
        month: local.month,
        day: local.day,
        hour: local.hour,
        minute: local.minute,
      }),
    );
    observance.addPropertyWithValue('tzoffsetfrom', offsetText(change.before));
    observance.addPropertyWithValue('tzoffsetto', offsetText(change.after));
    component.addSubcomponent(observance);
  }
  return component;
}

export function writeAppointmentIcs(event: AppointmentEvent): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', PRODID);
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addSubcomponent(vtimezone(event.timeZone, event.start));
  const vevent = new ICAL.Component('vevent');
  vevent.addPropertyWithValue('uid', event.uid);
  vevent.addPropertyWithValue('dtstamp', utcTime(event.stamp));
  for (const [name, ms] of [
    ['dtstart', event.start],
    ['dtend', event.end],
  ] as const) {
    const prop = vevent.addPropertyWithValue(name, localTime(ms, event.timeZone));
    prop.setParameter('tzid', event.timeZone);
  }
  vevent.addPropertyWithValue('summary', event.summary);
  if (event.description) vevent.addPropertyWithValue('description', event.description);
  vevent.addPropertyWithValue('sequence', event.sequence);
  vevent.addPropertyWithValue('status', 'CONFIRMED');
  vevent.addPropertyWithValue('transp', 'OPAQUE');
  vevent.addPropertyWithValue('x-permanence-rev', event.revision);
  calendar.addSubcomponent(vevent);
  return calendar.toString().replace(/\r?\n/g, '\r\n') + '\r\n';
}
