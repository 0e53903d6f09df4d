import type { ImportedEntry } from '../../../shared/domain/timesheet-import';

/**
 * Entries as a few arrays rather than 200,000 objects: the worker hands them to the main thread in one message
 * whose typed arrays are transferred and whose text is one string, so receiving them is no long task (cloning as
 * many objects would be one), and the main thread turns only the slice it writes back into objects.
 */
export interface EntryColumns {
  count: number;
  line: Float64Array;
  startedAt: Float64Array;
  durationSeconds: Float64Array;
  quantity: Float64Array;
  /** 1: billable, 2: urgent. */
  flags: Uint8Array;
  /** Task type, label and note of every entry, one after the other; `ends[3 * i + k]` is where each one ends. */
  text: string;
  ends: Uint32Array;
}

const BILLABLE = 1;
const URGENT = 2;

export function toColumns(entries: readonly ImportedEntry[]): EntryColumns {
  const count = entries.length;
  const columns = {
    count,
    line: new Float64Array(count),
    startedAt: new Float64Array(count),
    durationSeconds: new Float64Array(count),
    quantity: new Float64Array(count),
    flags: new Uint8Array(count),
    ends: new Uint32Array(count * 3),
  };
  const parts: string[] = [];
  let end = 0;
  entries.forEach((e, i) => {
    columns.line[i] = e.line;
    columns.startedAt[i] = e.startedAt;
    columns.durationSeconds[i] = e.durationSeconds;
    columns.quantity[i] = e.quantity;
    columns.flags[i] = (e.billable ? BILLABLE : 0) | (e.urgent ? URGENT : 0);
    for (const [k, value] of [e.taskType, e.label, e.note].entries()) {
      parts.push(value);
      columns.ends[3 * i + k] = end += value.length;
    }
  });
  return { ...columns, text: parts.join('') };
}

/** The buffers postMessage can move instead of copying. */
export const transferables = (c: EntryColumns): ArrayBuffer[] =>
  [c.line, c.startedAt, c.durationSeconds, c.quantity, c.flags, c.ends].map((a) => a.buffer as ArrayBuffer);

/** Entries [from, to) back as objects. */
export function entriesAt(c: EntryColumns, from: number, to: number): ImportedEntry[] {
  const entries: ImportedEntry[] = [];
  for (let i = from; i < Math.min(to, c.count); i += 1) {
    const start = i === 0 ? 0 : c.ends[3 * i - 1]!;
    const [taskEnd, labelEnd, noteEnd] = [c.ends[3 * i]!, c.ends[3 * i + 1]!, c.ends[3 * i + 2]!];
    entries.push({
      line: c.line[i]!,
      taskType: c.text.slice(start, taskEnd) as ImportedEntry['taskType'],
      startedAt: c.startedAt[i]!,
      durationSeconds: c.durationSeconds[i]!,
      quantity: c.quantity[i]!,
      billable: (c.flags[i]! & BILLABLE) !== 0,
      urgent: (c.flags[i]! & URGENT) !== 0,
      label: c.text.slice(taskEnd, labelEnd),
      note: c.text.slice(labelEnd, noteEnd),
    });
  }
  return entries;
}
