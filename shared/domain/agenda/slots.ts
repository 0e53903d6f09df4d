import { DateTime } from 'luxon';
import type { AgendaConfig, Motif } from './config';
import { openWindows } from './day-plan';

/**
 * What holds an agenda at some time: an appointment (its motif's buffers included in from/to) or one of the
 * practitioner's own events (motifId null). Transparent events and cancelled appointments are never passed in.
 */
export interface Occupation {
  agendaId: string;
  from: number;
  to: number;
  /** The appointment's motif, for the per-day maximum; null for a busy block. */
  motifId: string | null;
  /** The appointment's own start (its local day is the one its maximum counts on). */
  startsAt: number;
}

/** Occupations of the queried agendas overlapping [from, to): the service reads them from the store. */
export type OccupationLoader = (from: number, to: number) => readonly Occupation[];

export type DayPart = 'any' | 'morning' | 'afternoon';
/** Morning slots start before noon, local time; afternoon ones at noon or later. */
export const NOON_MINUTES = 12 * 60;

export interface SlotQuery {
  motifId: string;
  /** Agendas to search, in the order ties are broken; empty or absent: every active agenda offering the motif. */
  agendaIds?: readonly string[] | undefined;
  /** No slot starts before this instant. */
  from: number;
  limit: number;
  part?: DayPart | undefined;
  /** Local days searched from `from`'s day; 56 (8 weeks) by default. */
  horizonDays?: number | undefined;
}

export interface Slot {
  agendaId: string;
  startsAt: number;
  endsAt: number;
}

const MINUTE = 60_000;
/** Days loaded at once: a week is one indexed range scan per agenda, and the first slots are usually in it. */
const CHUNK_DAYS = 7;

/** Sorted, merged [from, to) spans per agenda, so one pointer walks them while candidates increase. */
function mergedByAgenda(occupations: readonly Occupation[]): Map<string, Array<[number, number]>> {
  const by = new Map<string, Array<[number, number]>>();
  for (const o of occupations) {
    const list = by.get(o.agendaId) ?? [];
    list.push([o.from, o.to]);
    by.set(o.agendaId, list);
  }
  for (const list of by.values()) {
    list.sort((a, b) => a[0] - b[0]);
    let w = 0;
    for (const span of list) {
      const last = list[w - 1];
      if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
      else list[w++] = span;
    }
    list.length = w;
  }
  return by;
}

export function agendasForMotif(config: AgendaConfig, motif: Motif, wanted?: readonly string[]): string[] {
  const offering = config.agendas.filter((a) => a.active && motif.agendaIds.includes(a.id)).map((a) => a.id);
  return wanted && wanted.length > 0 ? wanted.filter((id) => offering.includes(id)) : offering;
}

/**
 * The next free slots for a motif, earliest first (ties: the agendas' order). A slot is free when its motif's
 * whole span (buffer before + duration + buffer after) lies inside one open window of the agenda (template,
 * openings, minus absences, closures and public holidays: see day-plan.ts), overlaps no occupation, and the
 * agenda's count of that motif on that local day is under the motif's maximum. Slots start every
 * `slotStepMinutes` from the window's start. Days are the firm's local days (luxon, in `timeZone`), so a
 * 09:00 range is 09:00 on both sides of a DST change, whatever the machine's zone.
 */
export function findSlots(config: AgendaConfig, timeZone: string, query: SlotQuery, load: OccupationLoader): Slot[] {
  const motif = config.motifs.find((m) => m.id === query.motifId);
  if (!motif || query.limit <= 0) return [];
  const agendaIds = agendasForMotif(config, motif, query.agendaIds);
  if (agendaIds.length === 0) return [];
  const part = query.part ?? 'any';
  const step = config.settings.slotStepMinutes * MINUTE;
  const before = motif.bufferBeforeMinutes * MINUTE;
  const after = motif.bufferAfterMinutes * MINUTE;
  const duration = motif.durationMinutes * MINUTE;
  const horizon = query.horizonDays ?? 56;
  const first = DateTime.fromMillis(query.from, { zone: timeZone }).startOf('day');
  const found: Slot[] = [];

  for (let chunk = 0; chunk < horizon && found.length < query.limit; chunk += CHUNK_DAYS) {
    const chunkStart = first.plus({ days: chunk });
    const chunkEnd = first.plus({ days: Math.min(chunk + CHUNK_DAYS, horizon) });
    const occupations = load(chunkStart.toMillis(), chunkEnd.toMillis());
    const merged = mergedByAgenda(occupations);
    for (let day = chunkStart; day < chunkEnd && found.length < query.limit; day = day.plus({ days: 1 })) {
      const dayStart = day.toMillis();
      const dayEnd = day.plus({ days: 1 }).toMillis();
      const today: Slot[] = [];
      for (const agendaId of agendaIds) {
        if (motif.maxPerDay !== null) {
          const taken = occupations.filter(
            (o) => o.agendaId === agendaId && o.motifId === motif.id && o.startsAt >= dayStart && o.startsAt < dayEnd,
          ).length;
          if (taken >= motif.maxPerDay) continue;
        }
        const spans = merged.get(agendaId) ?? [];
        let p = 0;
        for (const window of openWindows(config, agendaId, motif.id, day)) {
          for (let s = window.from + before; s + duration + after <= window.to; s += step) {
            if (s < query.from) continue;
            const localMinutes = window.fromMinutes + (s - window.from) / MINUTE;
            if (part === 'morning' && localMinutes >= NOON_MINUTES) break;
            if (part === 'afternoon' && localMinutes < NOON_MINUTES) continue;
            const a = s - before;
            const b = s + duration + after;
            while (p < spans.length && spans[p]![1] <= a) p += 1;
            if (p < spans.length && spans[p]![0] < b) continue;
            today.push({ agendaId, startsAt: s, endsAt: s + duration });
          }
        }
      }
      today.sort((x, y) => x.startsAt - y.startsAt || agendaIds.indexOf(x.agendaId) - agendaIds.indexOf(y.agendaId));
      found.push(...today.slice(0, query.limit - found.length));
    }
  }
  return found;
}
