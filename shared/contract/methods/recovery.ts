import { z } from 'zod';
import { method } from '../define';
import type { ReadableExport, RecoveryStatus, RestoreResult } from '../../domain/recovery';

/**
 * The recovery screen, shown instead of the workspace when the store could not be opened (damaged, not SQLite,
 * or lost from a directory that held data). In that mode these are the only methods main answers.
 */
export const recoveryMethods = {
  'recovery:status': method<RecoveryStatus>()(z.object({}).strict()),
  /** Without a name: the most recent backup that passes quick_check. */
  'recovery:restore': method<RestoreResult>()(
    z
      .object({
        backup: z
          .string()
          .max(200)
          .regex(/^[\w.-]+\.sqlite3$/)
          .optional(),
      })
      .strict(),
  ),
  'recovery:restart': method<{ ok: true }>()(z.object({}).strict()),
  'recovery:exportReadable': method<ReadableExport>()(z.object({}).strict()),
};
