import { parse, type Options } from 'csv-parse';
import { PermanenceError } from '../../shared/api';

/**
 * Large imports (200,000 lines) run in slices of about SLICE_MS of main-thread work (5 ms: a machine 15 times
 * busier than idle still keeps every task under 100 ms), with a setImmediate yield
 * between them, so calls, drafts and the UI's other calls are served while a file is read, checked and written.
 */
export const SLICE_MS = 5;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `each` over the items, yielding to the event loop whenever a slice has used its time. */
export async function inSlices<T>(items: readonly T[], each: (item: T, index: number) => void): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i += 1) {
    each(items[i]!, i);
    if ((i & 31) === 31 && performance.now() - sliceStart > SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}

/** Her spreadsheet may be saved with ';' (Excel FR), ',' or tabs; the header line tells. */
export function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, 10_000).split(/\r?\n/, 1)[0] ?? '';
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

const CHUNK_CHARS = 16 * 1024;

/** csv-parse's streaming parser fed 16 KB at a time, with a yield between pieces: no long task on a big file. */
export async function parseCsvInSlices(text: string, options: Options = {}): Promise<string[][]> {
  const records: string[][] = [];
  const parser = parse({
    delimiter: detectDelimiter(text),
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
    ...options,
  });
  let failure: Error | null = null;
  parser.on('data', (record: string[]) => records.push(record));
  parser.on('error', (error: Error) => (failure ??= error));
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', () => resolve());
  });
  for (let at = 0; at < text.length && !failure;) {
    let end = Math.min(text.length, at + CHUNK_CHARS);
    // Never cut an emoji (a surrogate pair) in two: each piece becomes bytes on its own.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parser.write(text.slice(at, end));
    at = end;
    await yieldToEventLoop();
  }
  if (!failure) parser.end();
  await ended;
  if (failure) throw new PermanenceError('VALIDATION', `Fichier CSV illisible : ${(failure as Error).message}`);
  return records;
}
