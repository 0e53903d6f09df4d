import { frenchMessage } from '../domain/validation-messages';

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'UNAVAILABLE',
  'FORBIDDEN',
  'INTERNAL',
  /** Another Permanence (app, harness or CLI) holds the data directory's lock. */
  'DATA_DIR_IN_USE',
  /** SQLITE_FULL or ENOSPC: nothing was written; what was typed stays on screen. */
  'DISK_FULL',
  /** The store failed its integrity check, is not SQLite, or vanished from a directory that held data. */
  'STORE_DAMAGED',
  /** The store's key (or the passphrase that unwraps it) does not open the encrypted store; nothing was changed. */
  'STORE_KEY_INVALID',
  /** A passphrase or recovery code that does not open the key (« Mot de passe ou clé incorrect »). */
  'WRONG_SECRET',
  /** Too many wrong passphrases or codes: the next try waits (the delay survives a restart). */
  'TOO_MANY_ATTEMPTS',
  /** The app is locked: only unlocking and the ringing call are answered until she unlocks. */
  'APP_LOCKED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path into the input ("people.2.email"), so a form can put the message under the field. */
  path: string;
  message: string;
}

/** An i18n key of renderer/i18n/locales and its values: the renderer says the sentence in the user's language. */
export interface ErrorText {
  key: string;
  values?: Record<string, string>;
}

export interface ApiErrorPayload {
  code: ErrorCode;
  /** French sentence (logs, CLI, and the UI when the key is unknown to it). */
  message: string;
  issues?: FieldIssue[];
  text?: ErrorText;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorPayload };

/** Thrown by services and by clients alike, so both sides speak of failures the same way. */
export class PermanenceError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly text: ErrorText | undefined;

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[], text?: ErrorText) {
    super(message);
    this.text = text;
    this.name = 'PermanenceError';
    this.code = code;
    this.issues = issues;
  }

  toPayload(): ApiErrorPayload {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.text ? { text: this.text } : {}),
    };
  }
}

export function issuesFromZod(error: {
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>;
}): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => String(part)).join('.'),
    message: issue.message,
  }));
}

export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path ? `${issue.path} : ${frenchMessage(issue.message)}` : frenchMessage(issue.message)))
    .join(' ; ');
}
