import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FILE_MODE } from '../../../store/open';

/**
 * Failed unlocks, in their own file (keys.json stays untouched by a wrong passphrase) so that quitting and
 * restarting the app does not reset the count. Five failures are free; then each try waits twice as long as the
 * one before: 30 s, 1 min, 2 min… up to one hour.
 */
export const ATTEMPTS_FILE = 'unlock-attempts.json';
export const FREE_ATTEMPTS = 5;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 3_600_000;

const attemptsSchema = z.object({
  failures: z.number().int().min(0),
  lastFailureAt: z.number().int().nullable(),
  /** Failures not yet written to the audit log (those made before the store was open). */
  unaudited: z.number().int().min(0),
});
export type Attempts = z.infer<typeof attemptsSchema>;

const NONE: Attempts = { failures: 0, lastFailureAt: null, unaudited: 0 };

export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function createAttempts(dataDir: string) {
  const file = path.join(dataDir, ATTEMPTS_FILE);

  function read(): Attempts {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NONE;
      throw error;
    }
    const parsed = attemptsSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    // A damaged count must not become a free reset: the free tries are spent, counted from the file's last change.
    return { failures: FREE_ATTEMPTS, lastFailureAt: Math.floor(fs.statSync(file).mtimeMs), unaudited: 0 };
  }

  function write(value: Attempts): void {
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(value), { mode: FILE_MODE });
    fs.renameSync(temp, file);
  }

  return {
    read,
    /** When the next try is allowed (epoch ms), or null when it is allowed now. */
    retryAt(now: number): number | null {
      const current = read();
      if (current.lastFailureAt === null) return null;
      const at = current.lastFailureAt + delayAfter(current.failures);
      return at > now ? at : null;
    },
    failed(now: number, audited: boolean): Attempts {
      const current = read();
      const next = {
        failures: current.failures + 1,
        lastFailureAt: now,
        unaudited: current.unaudited + (audited ? 0 : 1),
      };
      write(next);
      return next;
    },
    /** A success: the count starts again; returns the failures not yet audited so the caller can record them. */
    succeeded(): number {
      const { unaudited } = read();
      if (fs.existsSync(file)) write(NONE);
      return unaudited;
    },
  };
}
export type UnlockAttempts = ReturnType<typeof createAttempts>;
