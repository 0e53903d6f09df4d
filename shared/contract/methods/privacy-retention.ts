import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import {
  retentionPolicySchema,
  type ContractEnd,
  type ContractExport,
  type FirmRetention,
  type PurgeReport,
} from '../../domain/retention';

const firm = z.object({ firmId: idSchema }).strict();

/** A firm's last end-of-contract export, as the firm editor shows it before offering the purge. */
export interface ContractExportState {
  dir: string;
  exportedAt: number;
  /** False when a file changed or rows were added or removed since: export again before the purge. */
  upToDate: boolean;
}

/**
 * Issue 12, retention and erasure per firm (spread into privacyMethods): the firm's durations, the purge, the
 * end of a contract in two steps, the register of processing activities.
 */
export const retentionMethods = {
  'privacy:retention': method<FirmRetention>()(firm),
  'privacy:saveRetention': method<FirmRetention>()(
    z.object({ firmId: idSchema, policy: retentionPolicySchema }).strict(),
  ),
  /** The purge now, for every firm; dryRun: counts only, nothing removed. */
  'privacy:purge': method<PurgeReport>()(z.object({ dryRun: z.boolean() }).strict()),
  /** Step 1: everything of the firm in DATA_DIR/exports/fin-de-contrat/<firm>-<stamp>/. */
  'privacy:endOfContractExport': method<ContractExport>()(firm),
  'privacy:endOfContractState': method<ContractExportState | null>()(firm),
  /** Step 2: the purge, after an up-to-date export and the firm's name typed by her. */
  'privacy:endOfContract': method<ContractEnd>()(
    z.object({ firmId: idSchema, confirmName: z.string().max(200) }).strict(),
  ),
  /** The register (RGPD art. 30.2) as JSON and PDF in DATA_DIR/exports/registre/<firm>/. */
  'privacy:exportRegister': method<{ dir: string; files: string[] }>()(firm),
};
