import { z } from 'zod';
import { method } from '../define';
import {
  personQuerySchema,
  type AppRestoreResult,
  type PersonErasure,
  type PersonExport,
  type PersonFindings,
} from '../../domain/privacy-rights';

/**
 * Issue 12, rights requests about one person (spread into privacyMethods) and the restore of a backup from the
 * app on a sound store (Réglages › Sauvegardes).
 */
export const rightsMethods = {
  /** Everything about her in the asking firm (every firm when `allFirms`): counts and the rows found. */
  'privacy:findPerson': method<PersonFindings>()(personQuerySchema),
  /** JSON + readable French PDF in DATA_DIR/exports/droits/; audited with counts. */
  'privacy:exportPerson': method<PersonExport>()(personQuerySchema),
  /** Deletes or anonymises what was found, leaving tombstones without personal data; audited with counts. */
  'privacy:erasePerson': method<PersonErasure>()(personQuerySchema),
  /**
   * Restores a backup of DATA_DIR/backups in place of the open store: snapshot first, swap, erasures recorded
   * since re-applied, audited. The page reloads on the restored data after it answers.
   */
  'privacy:restoreBackup': method<AppRestoreResult>()(
    z
      .object({
        name: z
          .string()
          .trim()
          .max(200)
          .regex(/^[\w.-]+\.sqlite3$/),
      })
      .strict(),
  ),
};
