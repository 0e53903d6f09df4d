import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

/**
 * The `.ics` attached to an appointment's e-mails (RFC 5545, iTIP METHOD REQUEST or CANCEL), written with
 * ical.js. DTSTART/DTEND are the firm's wall clock with a TZID and the zone's VTIMEZONE (from the IANA data of
 * timezones-ical-library), computed with luxon in that zone: nothing depends on the process's own zone, so the
 * same appointment gives the same file under TZ=UTC and TZ=Europe/Paris. The UID is the appointment's own
 * (`<uuid>@permanence`, the one CalDAV stores), and SEQUENCE grows with each change, so a calendar that took the
 * confirmation updates the same event when it is moved or cancelled.
 */

export interface IcsParty {
  name: string;
  email: string;
}

export interface IcsAppointment {
  uid: string;
  /** 0 at booking, +1 at every move or cancellation (iTIP). */
  sequence: number;
  cancelled: boolean;
  startUtc: number;
  endUtc: number;
  timeZone: string;
  summary: string;
  location: string;
  description: string;
  /** The firm (who to call to cancel); the caller is the attendee when an address is known. */
  organizer: IcsParty | null;
  attendee: IcsParty | null;
  /** When the file is written (DTSTAMP). */
  stampUtc: number;
}

function wallClock(ms: number, timeZone: string): ICAL.Time {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return ICAL.Time.fromData({
    year: local.year,
    month: local.month,
    day: local.day,
    hour: local.hour,
    minute: local.minute,
    second: local.second,
    isDate: false,
  });
}

function utc(ms: number): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(ms), true);
}

function zoned(event: ICAL.Component, name: 'dtstart' | 'dtend', ms: number, timeZone: string): void {
  const property = new ICAL.Property(name, event);
  property.setValue(wallClock(ms, timeZone));
  property.setParameter('tzid', timeZone);
  event.addProperty(property);
}

function party(event: ICAL.Component, name: 'organizer' | 'attendee', who: IcsParty): void {
  const property = new ICAL.Property(name, event);
  property.setValue(`mailto:${who.email}`);
  if (who.name) property.setParameter('cn', who.name);
  if (name === 'attendee') {
    property.setParameter('role', 'REQ-PARTICIPANT');
    property.setParameter('partstat', 'ACCEPTED');
  }
  event.addProperty(property);
}

/** The VTIMEZONE of an IANA zone; throws for a zone the data does not know (the firm's zone is validated before). */
export function vtimezone(timeZone: string): ICAL.Component {
  const block = tzlib_get_ical_block(timeZone);
  const text = Array.isArray(block) ? block[0] : '';
  if (!text || !text.startsWith('BEGIN:VTIMEZONE')) throw new Error(`Unknown time zone for iCalendar: ${timeZone}`);
  return new ICAL.Component(ICAL.parse(text) as unknown[]);
}

export function appointmentIcs(appointment: IcsAppointment): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('prodid', '-//Permanence//Agenda//FR');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', appointment.cancelled ? 'CANCEL' : 'REQUEST');
  calendar.addSubcomponent(vtimezone(appointment.timeZone));

  const event = new ICAL.Component('vevent');
  event.addPropertyWithValue('uid', appointment.uid);
  event.addPropertyWithValue('dtstamp', utc(appointment.stampUtc));
  zoned(event, 'dtstart', appointment.startUtc, appointment.timeZone);
  zoned(event, 'dtend', appointment.endUtc, appointment.timeZone);
  event.addPropertyWithValue('sequence', appointment.sequence);
  event.addPropertyWithValue('status', appointment.cancelled ? 'CANCELLED' : 'CONFIRMED');
  event.addPropertyWithValue('summary', appointment.summary);
  if (appointment.location) event.addPropertyWithValue('location', appointment.location);
  if (appointment.description) event.addPropertyWithValue('description', appointment.description);
  if (appointment.organizer) party(event, 'organizer', appointment.organizer);
  if (appointment.attendee) party(event, 'attendee', appointment.attendee);
  event.addPropertyWithValue('transp', 'OPAQUE');
  calendar.addSubcomponent(event);
  return calendar.toString() + '\r\n';
}
