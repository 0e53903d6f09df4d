import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TASK_TYPES } from '../../shared/domain/billing';
import { firmDraftSchema } from '../../shared/domain/firm/aggregate';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { openStore, type Db } from '../../main/store/open';

export interface SeedTimesheetsOptions {
  /** Firms to spread the rows over (they must exist). */
  firmIds: string[];
  timeEntries: number;
  calls: number;
  /** [from, to) UTC ms; default the ten years before 2026-11-01. */
  from?: number;
  to?: number;
  /** Deterministic pseudo-random seed. */
  seed?: number;
}

/**
 * Fills the store with calls (with holds, transfers, missed ones) and time entries spread over the period and the
 * firms, in one transaction of prepared inserts. Every answered call also gets its call-derived time entry, counted
 * within `timeEntries`. For the lead's 10-year seed and this benchmark.
 */
export function seedTimesheets(db: Db, options: SeedTimesheetsOptions): { calls: number; timeEntries: number } {
  const from = options.from ?? Date.UTC(2016, 10, 1);
  const to = options.to ?? Date.UTC(2026, 10, 1);
  // mulberry32: integer arithmetic only, so the sequence is the same on every machine.
  let state = (options.seed ?? 42) >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  /** A working-hours instant: a random day, 8:00–19:00 UTC. */
  const instant = () => {
    const day = Math.floor((from + random() * (to - from)) / 86_400_000) * 86_400_000;
    return day + 7 * 3_600_000 + Math.floor(random() * 11 * 3_600_000);
  };
  const insertCall = db.prepare(
    `INSERT INTO calls (id, direction, firm_id, matched_by, caller_number, caller_name, offered_at, answered_at, transferred_at,
       transfer_kind, ended_at, outcome) VALUES (?, ?, ?, 'diversion', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertHold = db.prepare('INSERT INTO call_holds (call_id, started_at, ended_at) VALUES (?, ?, ?)');
  const insertEntry = db.prepare(
    `INSERT INTO time_entries (id, firm_id, source, call_id, task_type, started_at, duration_seconds, after_call_seconds,
       quantity, billable, urgent, label, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, '', ?, ?)`,
  );
  const manualTypes = TASK_TYPES.filter((t) => t !== 'call' && t !== 'message');
  let entries = 0;
  db.transaction(() => {
    for (let i = 0; i < options.calls; i += 1) {
      const id = `seed-call-${i}`;
      const firmId = pick(options.firmIds);
      const offered = instant();
      const r = random();
      const caller = `+3363998${String(i % 10_000).padStart(4, '0')}`;
      if (r < 0.1) {
        insertCall.run(id, 'inbound', firmId, caller, '', offered, null, null, null, offered + 25_000, 'missed');
        continue;
      }
      const answered = offered + Math.floor(random() * 30_000);
      const talk = 30_000 + Math.floor(random() * 300_000);
      const transferred = r > 0.93 ? answered + Math.floor(talk / 2) : null;
      const ended = answered + talk;
      insertCall.run(
        id,
        r > 0.97 ? 'outbound' : 'inbound',
        firmId,
        caller,
        `Appelant ${i % 500}`,
        offered,
        answered,
        transferred,
        transferred ? 'blind' : null,
        ended,
        transferred ? 'transferred-blind' : 'answered',
      );
      if (r > 0.8 && r < 0.9) insertHold.run(id, answered + 10_000, answered + 25_000);
      if (entries < options.timeEntries) {
        const seconds = Math.round(((transferred ?? ended) - answered) / 1000) + 30;
        insertEntry.run(
          `seed-te-c${i}`,
          firmId,
          'call',
          id,
          'call',
          answered,
          seconds,
          30,
          1,
          0,
          `Appelant ${i % 500}`,
          ended,
          ended,
        );
        entries += 1;
      }
    }
    for (let i = 0; entries < options.timeEntries; i += 1) {
      const at = instant();
      const type = pick(manualTypes);
      insertEntry.run(
        `seed-te-m${i}`,
        pick(options.firmIds),
        'manual',
        null,
        type,
        at,
        300 + Math.floor(random() * 3300),
        0,
        type === 'typing-page' ? 1 + Math.floor(random() * 12) : 1,
        random() < 0.03 ? 1 : 0,
        `Tâche ${i % 300}`,
        at,
        at,
      );
      entries += 1;
    }
  })();
  return { calls: options.calls, timeEntries: entries };
}

const BILLING_VARIANTS = [
  {},
  {
    time: { roundingUnitSeconds: 900, roundingScope: 'day-task' },
    perTask: { unitPriceCents: { 'typing-page': 350 } },
  },
  { forfait: { enabled: true, monthlyFeeCents: 19_000, includedQuantity: 150, overagePriceCents: 120 } },
  {
    majorations: [
      {
        id: 'nuit',
        kind: 'time-window',
        label: 'Nuit',
        from: '19:00',
        to: '08:00',
        supplement: { type: 'percent', basisPoints: 2500 },
      },
      { id: 'ferie', kind: 'public-holiday', label: 'Férié', supplement: { type: 'percent', basisPoints: 5000 } },
    ],
  },
];

export async function run(
  report: (name: string, value: number, unit: string) => void,
  options: { seedDir?: string } = {},
): Promise<void> {
  const dataDir = options.seedDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-ts-'));
  const db = openStore({ dataDir });
  const services = createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'bench',
    transport: 'harness',
  });
  try {
    let firmIds = services.firms.list().map((f) => f.id);
    if (firmIds.length === 0) {
      for (let i = 0; i < 30; i += 1) {
        services.firms.save({
          draft: firmDraftSchema.parse({
            profile: {
              name: `Cabinet ${i + 1}`,
              sector: 'juridique',
              color: '#224488',
              greeting: 'Bonjour',
              numbers: [{ e164: `+3319900${String(1000 + i)}`, label: '' }],
            },
            consignes: { body: '', rules: {} },
            billing: BILLING_VARIANTS[i % BILLING_VARIANTS.length],
          }),
        });
      }
      firmIds = services.firms.list().map((f) => f.id);
    }
    const existing = (db.prepare('SELECT count(*) AS n FROM time_entries').get() as { n: number }).n;
    if (existing < 200_000) {
      const t0 = performance.now();
      seedTimesheets(db, { firmIds, timeEntries: 200_000 - existing, calls: 150_000 });
      report('timesheets.seed.200k-entries-150k-calls', performance.now() - t0, 'ms');
    }
    const month = '2026-10';
    const firmId = firmIds[0]!;
    let t = performance.now();
    const one = services.billing.firmMonth(firmId, month);
    report('timesheets.month.one-firm', performance.now() - t, 'ms');
    report('timesheets.month.one-firm.lines', one.statement.lines.length, 'lines');
    t = performance.now();
    services.billing.overview(month);
    report('timesheets.month.all-firms', performance.now() - t, 'ms');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-export-'));
    for (const format of ['pdf', 'xlsx', 'csv'] as const) {
      t = performance.now();
      await services.exports.exportMonth({ month, firmId, formats: [format], csvPreset: 'excel-fr', outDir: out });
      report(`timesheets.export.one-firm.${format}`, performance.now() - t, 'ms');
    }
    t = performance.now();
    const all = await services.exports.exportMonth({
      month,
      formats: ['pdf', 'xlsx', 'csv'],
      csvPreset: 'excel-fr',
      outDir: out,
    });
    report('timesheets.export.all-firms.pdf+xlsx+csv', performance.now() - t, 'ms');
    report('timesheets.export.all-firms.files', all.files.length, 'files');
    fs.rmSync(out, { recursive: true, force: true });
  } finally {
    db.close();
  }
}

const invoked = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (invoked) {
  void run((name, value, unit) => console.log(JSON.stringify({ name, value: Math.round(value * 10) / 10, unit })));
}
