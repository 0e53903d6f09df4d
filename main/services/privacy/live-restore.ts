import { PermanenceError } from '../../../shared/api';
import type { AppRestoreResult } from '../../../shared/domain/privacy-rights';
import type { SecretStore } from '../secrets';
import { restoreFromBackup, type RestoreOptions } from './restore';

/** How the host opens its store (native binding, key): what restoreFromBackup needs to open it the same way. */
export type StoreAccess = Omit<RestoreOptions, 'dataDir' | 'file' | 'now' | 'appVersion' | 'secrets'>;

/**
 * The process that owns the open store (the Electron app, the harness): it can close it, let `work` replace the
 * files, then reopen it and rebuild the services on it (main/api/live-store.ts). Tests and the CLI have none.
 */
export interface StoreHost {
  replaceStore<T>(work: (access: StoreAccess) => T): Promise<T>;
}

interface RestoreDeps {
  storeHost: StoreHost | null;
  secrets: SecretStore;
  info: { dataDir: string; version: string };
  ctx: { now: () => number };
  /** The time-entry import's worker thread reads the store file through its own connection. */
  timesheetImport?: { stop(): Promise<void> };
}

/**
 * Restores a backup from the app on a sound store: the host stops the background work and closes the store,
 * restoreFromBackup verifies the backup, snapshots the current store, swaps the files, copies the tombstones and
 * re-applies the erasures recorded since the backup, with its audit entries; then the host reopens the store
 * (the old one when the backup was refused) and the page reloads.
 */
export async function restoreInApp(deps: RestoreDeps, name: string): Promise<AppRestoreResult> {
  if (!deps.storeHost) {
    throw new PermanenceError(
      'UNAVAILABLE',
      'Cette fenêtre ne peut pas restaurer une sauvegarde : utilisez la ligne de commande.',
      undefined,
      { key: 'privacy.errors.restoreUnavailable' },
    );
  }
  // Its connection would keep reading the replaced file; the next import starts a worker on the restored one.
  await deps.timesheetImport?.stop();
  return deps.storeHost.replaceStore((access) => {
    const outcome = restoreFromBackup({
      ...access,
      dataDir: deps.info.dataDir,
      file: name,
      now: deps.ctx.now,
      appVersion: deps.info.version,
      secrets: deps.secrets,
    });
    return { backup: outcome.backup, snapshot: outcome.snapshot, reapplied: outcome.reapplied };
  });
}
