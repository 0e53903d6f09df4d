// What the repository layer costs over SQLite itself: the same kind of rows inserted through a repository and through
// a raw prepared INSERT, in the same run, on the same database, in alternating batches. Time is this process's CPU
// time (the machine is shared: wall time measures the neighbours) and ids are random UUIDs as in the app (ids from
// a counter would favour whichever batch lands at the right end of the index). raw_vs_raw, the same measure with
// the raw INSERT on both sides, is the noise floor.
// store.insert.repository_vs_raw is the worse of the two repositories measured (calls, time entries); goal ≤ 1.2.
import { randomUUID } from 'node:crypto';
import type { CallOffer } from '../../shared/domain/call';
import type { TimeEntry } from '../../shared/domain/timesheet';
import type { Db } from '../../main/store/open';
import { createCallsRepository } from '../../main/store/repositories/calls';
import { createTimeEntriesRepository } from '../../main/store/repositories/time-entries';
import { makeFirmDraft, openTestContext, parsedDraft } from '../fixtures/factories';
import { percentile, round } from './stats';

type Report = (name: string, value: number, unit: string) => void;

const ROWS = 1_000;
const ROUNDS = 31;

/** The reference: one prepared INSERT of the columns the repository writes, parameters built per row. */
const RAW_CALL = `INSERT INTO calls (id, direction, firm_id, matched_by, matched_number, caller_number, caller_raw,
  caller_name, anonymous, contact_id, diversion_reason, diversion_from, sip_call_id, demo, offered_at)
  VALUES (@id, @direction, @firmId, @matchedBy, @matchedNumber, @callerNumber, @callerRaw, @callerName,
  @anonymous, @contactId, @diversionReason, @diversionFrom, @sipCallId, @demo, @at)`;
const RAW_ENTRY = `INSERT INTO time_entries (id, firm_id, source, call_id, task_type, started_at, duration_seconds,
  after_call_seconds, quantity, billable, urgent, label, note, import_batch_id, created_at, updated_at, demo)
  VALUES (@id, @firmId, @source, @callId, @taskType, @startedAt, @durationSeconds, @afterCallSeconds, @quantity,
  @billable, @urgent, @label, @note, @importBatchId, @createdAt, @updatedAt, @demo)`;

const T0 = Date.UTC(2026, 0, 5, 8);

function offers(firmId: string): CallOffer[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    id: randomUUID(),
    direction: 'inbound',
    firmId,
    matchedBy: 'diversion',
    matchedNumber: '+33142000001',
    callerNumber: `+336${String(10_000_000 + i).slice(-8)}`,
    callerRaw: `<sip:+336${i}@pbx.example>`,
    callerName: `Appelant ${i}`,
    anonymous: false,
    diversionReason: 'no-answer',
    diversionFrom: '+33142000001',
    sipCallId: `${randomUUID()}@pbx.example`,
    demo: false,
    at: T0 + i * 60_000,
  }));
}

function entries(firmId: string): TimeEntry[] {
  return Array.from({ length: ROWS }, (_, i) => ({
    id: randomUUID(),
    firmId,
    source: 'import',
    callId: null,
    taskType: 'call',
    startedAt: T0 + i * 60_000,
    durationSeconds: 90 + (i % 300),
    afterCallSeconds: 0,
    quantity: 1,
    billable: true,
    urgent: i % 17 === 0,
    label: `Appel ${i}`,
    note: '',
    importBatchId: null,
    createdAt: T0,
    updatedAt: T0,
    demo: false,
  }));
}

/** CPU milliseconds of this process for one batch in one transaction. */
function timed(db: Db, insertAll: () => void): number {
  const start = process.cpuUsage();
  db.transaction(insertAll)();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Median repository batch over median raw batch, rounds alternating which one goes first. */
function ratio<T>(db: Db, make: () => T[], viaRepository: (row: T) => void, viaRaw: (row: T) => void) {
  const repo: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const a = make();
    const b = make();
    const runRepo = () => repo.push(timed(db, () => a.forEach(viaRepository)));
    const runRaw = () => raw.push(timed(db, () => b.forEach(viaRaw)));
    if (round % 2 === 0) {
      runRepo();
      runRaw();
    } else {
      runRaw();
      runRepo();
    }
  }
  // The first round warms up statements and pages for both; it is not counted.
  const r = percentile(repo.slice(1), 50);
  const w = percentile(raw.slice(1), 50);
  return { ratio: r / w, repoMs: r, rawMs: w };
}

export async function run(report: Report): Promise<void> {
  const t = openTestContext();
  const { db } = t;
  try {
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Banc' })) }).id;

    const calls = createCallsRepository(db);
    const rawCall = db.prepare(RAW_CALL);
    const insertCall = (offer: CallOffer) =>
      rawCall.run({ ...offer, anonymous: offer.anonymous ? 1 : 0, demo: offer.demo ? 1 : 0, contactId: null });
    const c = ratio(
      db,
      () => offers(firm),
      (offer) => calls.insert(offer, null),
      insertCall,
    );
    report('store.insert.calls.repository_ms_per_1000', round((c.repoMs / ROWS) * 1000), 'ms');
    report('store.insert.calls.raw_ms_per_1000', round((c.rawMs / ROWS) * 1000), 'ms');
    report('store.insert.calls.repository_vs_raw', round(c.ratio), 'ratio');
    report('store.insert.raw_vs_raw', round(ratio(db, () => offers(firm), insertCall, insertCall).ratio), 'ratio');

    const timeEntries = createTimeEntriesRepository(db);
    const rawEntry = db.prepare(RAW_ENTRY);
    const e = ratio(
      db,
      () => entries(firm),
      (entry) => timeEntries.insert(entry),
      (entry) =>
        rawEntry.run({
          ...entry,
          billable: entry.billable ? 1 : 0,
          urgent: entry.urgent ? 1 : 0,
          demo: entry.demo ? 1 : 0,
        }),
    );
    report('store.insert.time_entries.repository_ms_per_1000', round((e.repoMs / ROWS) * 1000), 'ms');
    report('store.insert.time_entries.raw_ms_per_1000', round((e.rawMs / ROWS) * 1000), 'ms');
    report('store.insert.time_entries.repository_vs_raw', round(e.ratio), 'ratio');

    report('store.insert.repository_vs_raw', round(Math.max(c.ratio, e.ratio)), 'ratio');
  } finally {
    t.close();
  }
}
