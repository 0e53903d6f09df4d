import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';

/**
 * Wall-clock times of an iCalendar object to UTC epoch ms. Zone names are taken, in order, as IANA names (what
 * almost every server writes), as the tail of a prefixed name (« /mozilla.org/20050126_1/Europe/Paris »), then
 * from the object's own VTIMEZONE (Outlook's « Romance Standard Time »); floating times and unknown zones are
 * the firm's zone. luxon does the IANA arithmetic, so a DST change is the tz database's, not the process's
 * zone: the same file gives the same instants under TZ=UTC and TZ=Europe/Paris.
 */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  isDate: boolean;
}

export interface ZoneResolver {
  /** UTC ms of a wall time in the zone named by a TZID ('' = floating, 'UTC' = UTC). */
  toUtc(time: WallTime, tzid: string): number;
}

const ianaCache = new Map<string, string | null>();

export function ianaName(tzid: string): string | null {
  if (ianaCache.has(tzid)) return ianaCache.get(tzid)!;
  let found: string | null = null;
  if (IANAZone.isValidZone(tzid)) found = tzid;
  else {
    const parts = tzid.split('/').filter(Boolean);
    for (let i = 1; i < parts.length && !found; i += 1) {
      const tail = parts.slice(i).join('/');
      if (tail.includes('/') && IANAZone.isValidZone(tail)) found = tail;
    }
  }
  ianaCache.set(tzid, found);
  return found;
}

export function wallTimeOf(time: ICAL.Time): WallTime {
  return {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : time.second,
    isDate: time.isDate,
  };
}

/** A wall time that falls in a DST gap moves forward by the gap (luxon's rule, as RFC 5545 asks). */
function inZone(time: WallTime, zone: string): number {
  const { year, month, day, hour, minute, second } = time;
  return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone }).toMillis();
}

export function createZoneResolver(vtimezones: ICAL.Component[], firmZone: string): ZoneResolver {
  const own = new Map<string, ICAL.Timezone>();
  for (const component of vtimezones) {
    const tzid = String(component.getFirstPropertyValue('tzid') ?? '');
    if (tzid) own.set(tzid, new ICAL.Timezone({ component, tzid }));
  }
  return {
    toUtc(time, tzid) {
      if (tzid === 'UTC' || tzid === 'Z') return inZone(time, 'UTC');
      if (!tzid || time.isDate) return inZone(time, firmZone);
      const iana = ianaName(tzid);
      if (iana) return inZone(time, iana);
      const zone = own.get(tzid);
      if (zone) {
        const t = new ICAL.Time({ ...time, isDate: false }, zone);
        return t.toUnixTime() * 1000;
      }
      return inZone(time, firmZone);
    },
  };
}

/** The TZID a DATE-TIME value is in: 'UTC' for a Z time, '' for a floating one. */
export function tzidOf(property: ICAL.Property, value: ICAL.Time): string {
  if (value.zone === ICAL.Timezone.utcTimezone || value.zone?.tzid === 'UTC') return 'UTC';
  const param = property.getParameter('tzid');
  return typeof param === 'string' ? param : Array.isArray(param) ? String(param[0] ?? '') : '';
}
