import ICAL from 'ical.js';
import { createZoneResolver, tzidOf, wallTimeOf, type ZoneResolver } from './ics-zone';

/**
 * One calendar object resource (one UID: a single event, or a series with its overrides) read into what the
 * agenda keeps: busy occurrences in UTC inside a window. Hostile input never throws (CONVENTIONS: parsers of
 * CalDAV input take the stance of shared/domain/sip/invite.ts): an unreadable object is reported, not fatal.
 *
 * Rules: STATUS:CANCELLED (the series, or one occurrence through its override) makes no block; TRANSP:TRANSPARENT
 * is kept but marked free; EXDATE removes an occurrence, RECURRENCE-ID replaces it (matched by instant, so an
 * EXDATE or override written in UTC matches a series written in Europe/Paris); the series is iterated in its own
 * wall clock (ical.js), each occurrence converted to UTC on its own (ics-zone.ts), so 09:00 stays 09:00 across the
 * March and October changes.
 */
export interface Occurrence {
  start: number;
  end: number;
  transparent: boolean;
  /** The occurrence's RECURRENCE-ID as UTC ms, null for a single event. */
  recurrenceId: number | null;
}

/** What the sync needs of one of Permanence's own appointments read back from the server. */
export interface OwnEvent {
  start: number;
  end: number;
  cancelled: boolean;
  /** X-PERMANENCE-REV: the local revision that wrote it (recognises our own write after a crash). */
  revision: string | null;
}

export type ReadObject =
  | {
      ok: true;
      uid: string;
      recurring: boolean;
      occurrences: Occurrence[];
      own: OwnEvent | null;
      /** With `keepSeries`, a series' minimised text (see minimise), from the same parse. */
      minimised: string | null;
    }
  | { ok: false; reason: string };

export interface Window {
  from: number;
  to: number;
}

/** A series is followed this far at most (a daily series since 1990 is ~13,000 steps). */
const MAX_STEPS = 50_000;
const PERMANENCE_UID = /@permanence$/;

function durationMs(event: ICAL.Component, start: number, resolve: ZoneResolver, startTime: ICAL.Time): number {
  const endProp = event.getFirstProperty('dtend');
  if (endProp) {
    const end = endProp.getFirstValue() as ICAL.Time;
    return resolve.toUtc(wallTimeOf(end), tzidOf(endProp, end)) - start;
  }
  const duration = event.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) return duration.toSeconds() * 1000;
  return startTime.isDate ? 24 * 3600_000 : 0;
}

interface Instance {
  start: number;
  end: number;
  transparent: boolean;
  cancelled: boolean;
}

function instanceOf(event: ICAL.Component, resolve: ZoneResolver): Instance | null {
  const startProp = event.getFirstProperty('dtstart');
  if (!startProp) return null;
  const startTime = startProp.getFirstValue() as ICAL.Time;
  const start = resolve.toUtc(wallTimeOf(startTime), tzidOf(startProp, startTime));
  const length = durationMs(event, start, resolve, startTime);
  return {
    start,
    end: start + Math.max(length, 0),
    transparent: String(event.getFirstPropertyValue('transp') ?? '').toUpperCase() === 'TRANSPARENT',
    cancelled: String(event.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED',
  };
}

function instantsOf(event: ICAL.Component, name: string, resolve: ZoneResolver): number[] {
  const instants: number[] = [];
  for (const prop of event.getAllProperties(name)) {
    for (const value of prop.getValues()) {
      if (value instanceof ICAL.Time) instants.push(resolve.toUtc(wallTimeOf(value), tzidOf(prop, value)));
    }
  }
  return instants;
}

function expandSeries(
  master: ICAL.Component,
  resolve: ZoneResolver,
  window: Window,
  overrides: Map<number, ICAL.Component>,
): Occurrence[] {
  const base = instanceOf(master, resolve);
  if (!base || base.cancelled) return [];
  const length = base.end - base.start;
  const startProp = master.getFirstProperty('dtstart')!;
  const dtstart = startProp.getFirstValue() as ICAL.Time;
  const tzid = tzidOf(startProp, dtstart);
  const excluded = new Set(instantsOf(master, 'exdate', resolve));
  const starts = new Set<number>();
  for (const rrule of master.getAllProperties('rrule')) {
    const iterator = (rrule.getFirstValue() as ICAL.Recur).iterator(dtstart);
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const next = iterator.next();
      if (!next) break;
      const at = resolve.toUtc(wallTimeOf(next), tzid);
      if (at >= window.to) break;
      starts.add(at);
    }
  }
  if (master.getAllProperties('rrule').length === 0) starts.add(base.start);
  for (const at of instantsOf(master, 'rdate', resolve)) starts.add(at);
  const occurrences: Occurrence[] = [];
  for (const at of starts) {
    if (excluded.has(at) || overrides.has(at)) continue;
    if (at + length > window.from && at < window.to)
      occurrences.push({ start: at, end: at + length, transparent: base.transparent, recurrenceId: at });
  }
  return occurrences;
}

function ownEvent(event: ICAL.Component, resolve: ZoneResolver): OwnEvent | null {
  const instance = instanceOf(event, resolve);
  if (!instance) return null;
  const revision = event.getFirstPropertyValue('x-permanence-rev');
  return {
    start: instance.start,
    end: instance.end,
    cancelled: instance.cancelled,
    revision: revision === null ? null : String(revision),
  };
}

export function readCalendarObject(
  data: string,
  window: Window,
  firmZone: string,
  options: { keepSeries?: boolean } = {},
): ReadObject {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(data) as unknown[]);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    const events = root.getAllSubcomponents('vevent');
    if (events.length === 0)
      return { ok: true, uid: '', recurring: false, occurrences: [], own: null, minimised: null };
    const resolve = createZoneResolver(root.getAllSubcomponents('vtimezone'), firmZone);
    const uid = String(events[0]!.getFirstPropertyValue('uid') ?? '');
    const masters = events.filter((e) => !e.hasProperty('recurrence-id'));
    const overrides = new Map<number, ICAL.Component>();
    for (const event of events) {
      const [at] = instantsOf(event, 'recurrence-id', resolve);
      if (at !== undefined) overrides.set(at, event);
    }
    const master = masters[0];
    const recurring = Boolean(master && (master.hasProperty('rrule') || master.hasProperty('rdate')));
    const occurrences: Occurrence[] = [];
    if (master) occurrences.push(...expandSeries(master, resolve, window, overrides));
    for (const [recurrenceId, override] of overrides) {
      const instance = instanceOf(override, resolve);
      if (!instance || instance.cancelled) continue;
      if (master && master.getFirstPropertyValue('status') === 'CANCELLED') continue;
      if (instance.end > window.from && instance.start < window.to)
        occurrences.push({ start: instance.start, end: instance.end, transparent: instance.transparent, recurrenceId });
    }
    occurrences.sort((a, b) => a.start - b.start);
    const own = PERMANENCE_UID.test(uid) && master ? ownEvent(master, resolve) : null;
    const series = recurring || overrides.size > 0;
    const minimised = series && options.keepSeries && !own ? strip(root) : null;
    return { ok: true, uid, recurring: series, occurrences, own, minimised };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The object without what the agenda does not need (summary, description, location, attendees: the firm's other
 * patients): kept for series only, so a later window is expanded again without the network.
 */
const KEEP = new Set([
  'uid',
  'dtstart',
  'dtend',
  'duration',
  'rrule',
  'rdate',
  'exdate',
  'recurrence-id',
  'transp',
  'status',
  'dtstamp',
]);

/** Strips a parsed object in place to what KEEP lists, and writes it. */
function strip(root: ICAL.Component): string {
  for (const event of root.getAllSubcomponents('vevent')) {
    for (const prop of [...event.getAllProperties()]) if (!KEEP.has(prop.name)) event.removeProperty(prop);
    for (const sub of [...event.getAllSubcomponents()]) event.removeSubcomponent(sub);
  }
  for (const other of [...root.getAllSubcomponents()])
    if (other.name !== 'vevent' && other.name !== 'vtimezone') root.removeSubcomponent(other);
  return root.toString();
}

export function minimise(data: string): string | null {
  try {
    return strip(new ICAL.Component(ICAL.parse(data) as unknown[]));
  } catch {
    return null;
  }
}
