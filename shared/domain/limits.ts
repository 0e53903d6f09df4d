import { z } from 'zod';
import { v, type ValidationKey } from './validation-messages';

/**
 * How big any input may be. Every string, list and map of the contract has a maximum (a test walks every input
 * schema and fails on one without); these are the ones shared by several schemas or checked as a whole.
 */
export const LIMITS = {
  /** An imported file (CSV of time entries or contacts, workspace JSON): 20 million characters. */
  importFileChars: 20_000_000,
  /** 200,000 time entries in one file is the largest import the app is measured with; leave some room. */
  importFileLines: 250_000,
  /** Answers in one message: script fields (100 steps at most) and the firm's message fields (40 at most). */
  messageFields: 150,
  /** All answers of one message together, keys included: the size of two full message bodies. */
  messageFieldsChars: 40_000,
  /** RFC 5321: a forward path is at most 256 octets including the angle brackets. */
  email: 254,
} as const;

/** Counts lines without splitting a 20-million-character string into an array. */
export function lineCount(text: string, stopAfter = Infinity): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1 && lines <= stopAfter; at = text.indexOf('\n', at + 1)) {
    if (at < text.length - 1) lines += 1;
  }
  return lines;
}

/** The text of an imported file: bounded in characters and in lines. */
export const importFileSchema = z
  .string()
  .max(LIMITS.importFileChars, { message: v('fileTooLarge') })
  .refine((text) => lineCount(text, LIMITS.importFileLines) <= LIMITS.importFileLines, {
    message: v('tooManyLines'),
  });

/**
 * A map with at most `maxEntries` keys (zod has no `.max()` for records). `maxProperties` is also what the
 * JSON Schema export says, and what the contract's bounds test reads.
 */
export function boundedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(
  key: K,
  value: V,
  maxEntries: number,
  message: ValidationKey,
) {
  return z
    .record(key, value)
    .refine((map) => Object.keys(map).length <= maxEntries, { message: v(message) })
    .meta({ maxProperties: maxEntries });
}
