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

const DAY = 86_400_000;
const SPAN = 3 * 366 * DAY;

/**
 * A zone's offset changes over a few years around now, found once per zone (days scanned with luxon, then
 * bisected to the minute), so converting the thousands of occurrences of a calendar is a binary search rather
 * than an Intl call each (that call was most of the expansion time).
 */
interface OffsetTable {
  from: number;
  to: number;
  at: number[];
  after: number[];
  initial: number;
}
const tables = new Map<string, OffsetTable>();
const luxonOffset = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).offset;

function tableOf(zone: string): OffsetTable {
  let table = tables.get(zone);
  if (table) return table;
  const now = Date.now();
  const from = now - SPAN;
  const to = now + SPAN;
  table = { from, to, at: [], after: [], initial: luxonOffset(from, zone) };
  let before = table.initial;
  for (let t = from; t < to; t += DAY) {
    const next = luxonOffset(t + DAY, zone);
    if (next === before) continue;
    let lo = t;
    let hi = t + DAY;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (luxonOffset(mid, zone) === before) lo = mid;
      else hi = mid;
    }
    table.at.push(hi);
    table.after.push(next);
    before = next;
  }
  tables.set(zone, table);
  return table;
}

/** The zone's UTC offset in minutes at an instant. */
function offsetAt(ms: number, zone: string): number {
  const table = tableOf(zone);
  if (ms < table.from || ms >= table.to) return luxonOffset(ms, zone);
  let lo = 0;
  let hi = table.at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (table.at[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? table.initial : table.after[lo - 1]!;
}

/**
 * UTC of a wall time in a zone. A wall time in a DST gap moves forward by the gap (as luxon does, and as RFC 5545
 * asks); one that occurs twice (the October hour) is taken at its second occurrence.
 */
function inZone(time: WallTime, zone: string): number {
  const local = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  if (zone === 'UTC') return local;
  const guess = local - offsetAt(local, zone) * 60_000;
  return local - offsetAt(guess, zone) * 60_000;
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
