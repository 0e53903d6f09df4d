import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { openStore, type Db } from '../../main/store/open';
import { agendaConfigSchema } from '../../shared/domain/agenda/config';
import { firmDraftSchema } from '../../shared/domain/firm/aggregate';
import { percentile, round } from './stats';

/**
 * The agenda's two reads during a call, on a firm of five practitioners whose store holds 30,000 occurrences
 * (15,000 appointments and 15,000 of their own events, a year around the searched weeks, about 85 % of each
 * day taken), through the service as the contract calls it (the firm's set-up read, the SQL, the finder):
 * - agenda.slot_finder.p95: the first 10 free slots of one motif over 8 weeks in all five agendas; goal ≤ 50 ms.
 * - agenda.ring_availability.p95: whether each practitioner is free now and until when; goal ≤ 20 ms.
 * Each has its p50 and the p95 of its CPU time (the machine's load shows in the wall-clock p95 only).
 */
const ZONE = 'Europe/Paris';
const AGENDAS = ['a1', 'a2', 'a3', 'a4', 'a5'];
const OCCURRENCES = 30_000;
const START = DateTime.fromISO('2027-01-04T00:00', { zone: ZONE });

/** CPU time of this process since `from` (user + system): what the call cost, without the waits for a CPU
 * that a loaded machine adds to the wall-clock figures. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Weekdays 08:30–12:30 and 14:00–19:00, 20-minute slots: a day holds 25 occurrences per agenda. */
function seedOccurrences(db: Db, firmId: string): void {
  const next = random(11);
  const insertAppointment = db.prepare(
    `INSERT INTO appointments (id, uid, firm_id, agenda_id, motif_id, start_utc, end_utc, time_zone, caller_name,
       caller_phone, status, created_by, created_at, updated_by, updated_at)
     VALUES (?, ?, ?, ?, 'consult', ?, ?, ?, 'Patient', '+33639980000', 'booked', 'bench', 0, 'bench', 0)`,
  );
  const insertBusy = db.prepare(
    `INSERT INTO agenda_busy_blocks (id, agenda_id, start_utc, end_utc, transparent, source_uid, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, 0)`,
  );
  const ranges: Array<[number, number]> = [
    [8 * 60 + 30, 12 * 60 + 30],
    [14 * 60, 19 * 60],
  ];
  let count = 0;
  db.transaction(() => {
    // Six months before and after the searched weeks: the finder's queries must stay on their range.
    for (let day = START.minus({ weeks: 26 }); count < OCCURRENCES; day = day.plus({ days: 1 })) {
      if (day.weekday > 5) continue;
      for (const agenda of AGENDAS) {
        for (const [from, to] of ranges) {
          for (let m = from; m + 20 <= to && count < OCCURRENCES; m += 20) {
            if (next() > 0.85) continue;
            const start = day.set({ hour: Math.floor(m / 60), minute: m % 60 }).toMillis();
            const id = `o${count}`;
            if (count % 2 === 0)
              insertAppointment.run(id, `${id}@permanence`, firmId, agenda, start, start + 1_200_000, ZONE);
            else insertBusy.run(id, agenda, start, start + 1_200_000, `${id}@cloud`);
            count += 1;
          }
        }
      }
    }
  })();
}

export async function run(report: (name: string, value: number, unit: string) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-agenda-'));
  const db = openStore({ dataDir });
  let clock = START.set({ hour: 8 }).toMillis();
  const services = createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'bench',
    transport: 'harness',
    now: () => clock,
  });
  try {
    const firm = services.firms.save({
      draft: firmDraftSchema.parse({
        profile: { name: 'Maison de santé', sector: 'medical', color: '#2E7D5B', greeting: 'Bonjour', numbers: [] },
        consignes: { body: '', rules: {} },
      }),
    });
    const week = ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
      { weekday, start: '08:30', end: '12:30' },
      { weekday, start: '14:00', end: '19:00' },
    ]);
    services.agenda.config.save(
      firm.id,
      agendaConfigSchema.parse({
        settings: { holidayRegion: 'FR', closedOnPublicHolidays: true, slotStepMinutes: 20 },
        agendas: AGENDAS.map((id, i) => ({
          id,
          name: `Dr ${i + 1}`,
          kind: 'practitioner' as const,
          personId: null,
          color: '#336699',
          active: true,
          template: week.map((r) => ({ ...r, motifIds: [] })),
        })),
        motifs: [
          {
            id: 'consult',
            name: 'Consultation',
            durationMinutes: 20,
            color: '#336699',
            bufferBeforeMinutes: 0,
            bufferAfterMinutes: 0,
            agendaIds: AGENDAS,
            newCallersAllowed: true,
            instructions: '',
            maxPerDay: null,
          },
        ],
        exceptions: [],
      }),
      undefined,
    );
    seedOccurrences(db, firm.id);

    const next = random(5);
    const finder: number[] = [];
    const finderCpu: number[] = [];
    for (let i = 0; i < 220; i += 1) {
      // Any time of the searched weeks' first fortnight, as calls come.
      clock = START.plus({ minutes: Math.floor(next() * 14 * 24 * 60) }).toMillis();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const slots = services.agenda.queries.findSlots({
        firmId: firm.id,
        motifId: 'consult',
        agendaIds: [],
        part: 'any',
        limit: 10,
        horizonDays: 56,
      });
      if (i >= 20) {
        finder.push(performance.now() - t0);
        finderCpu.push(cpuMs(c0));
      }
      if (slots.length !== 10) throw new Error(`expected 10 slots, got ${slots.length}`);
    }
    report('agenda.slot_finder.p95', round(percentile(finder, 95)), 'ms');
    report('agenda.slot_finder.p50', round(percentile(finder, 50)), 'ms');
    report('agenda.slot_finder.cpu_p95', round(percentile(finderCpu, 95)), 'ms');

    const ring: number[] = [];
    const ringCpu: number[] = [];
    for (let i = 0; i < 520; i += 1) {
      clock = START.plus({ minutes: Math.floor(next() * 14 * 24 * 60) }).toMillis();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const lines = services.agenda.queries.availability({ firmId: firm.id, agendaId: null });
      if (i >= 20) {
        ring.push(performance.now() - t0);
        ringCpu.push(cpuMs(c0));
      }
      if (lines.length !== AGENDAS.length) throw new Error('one line per agenda expected');
    }
    report('agenda.ring_availability.p95', round(percentile(ring, 95)), 'ms');
    report('agenda.ring_availability.p50', round(percentile(ring, 50)), 'ms');
    report('agenda.ring_availability.cpu_p95', round(percentile(ringCpu, 95)), 'ms');
  } finally {
    db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
