import { PermanenceError } from '../../../shared/api';
import type { CheckedFile, ImportJob } from './job';

/** What the imports worker is started with. */
export interface WorkerSetup {
  /** The store file the main connection has open. */
  file: string;
  /** better-sqlite3's build for Electron (see main/electron/native.ts); none under Node. */
  nativeBinding?: string;
  /** The store's key in hex (main/store/cipher.ts), when the store is encrypted. */
  keyHex?: string;
}

/** A file to check, or a checkpoint of the store's WAL to run (see timesheets-import.ts, write). */
export type WorkerRequest = { id: number; job: ImportJob } | { id: number; checkpoint: true };

/** An error crossing threads: PermanenceError's fields, so the caller gets the same code and message. */
export interface WorkerError {
  name: string;
  message: string;
  code?: PermanenceError['code'];
  issues?: PermanenceError['issues'];
  text?: PermanenceError['text'];
}

export type WorkerResponse =
  { id: number; checked: CheckedFile } | { id: number; checkpointed: true } | { id: number; error: WorkerError };

export function describeError(error: unknown): WorkerError {
  if (error instanceof PermanenceError)
    return { name: error.name, message: error.message, code: error.code, issues: error.issues, text: error.text };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function rebuildError(error: WorkerError): Error {
  if (error.code) return new PermanenceError(error.code, error.message, error.issues, error.text);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
