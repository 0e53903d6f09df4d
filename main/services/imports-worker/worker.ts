import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseFile } from '../../store/cipher';
import { applyPragmas, type Db } from '../../store/open';
import { registerSearchFunctions } from '../../store/repositories/fts';
import { describeError, type WorkerRequest, type WorkerResponse, type WorkerSetup } from './messages';
import { transferables } from './columns';
import { createImportChecks } from './job';

/**
 * The imports worker: decodes, parses, validates and checks a time-entry file off the main thread, reading the
 * store over its own connection to the store file (WAL lets it read beside the main connection, which writes).
 * The connection is opened for each job and closed after it, so none outlives an import (backups, restores).
 */
const setup = workerData as WorkerSetup;
const port = parentPort!;
const checks = createImportChecks();

async function withStore<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabaseFile(setup.file, {
    ...(setup.nativeBinding ? { nativeBinding: setup.nativeBinding } : {}),
    ...(setup.keyHex ? { key: Buffer.from(setup.keyHex, 'hex') } : {}),
  });
  try {
    applyPragmas(db);
    registerSearchFunctions(db);
    return await work(db);
  } finally {
    db.close();
  }
}

// One job at a time, in the order they were asked.
let queue = Promise.resolve();
port.on('message', (request: WorkerRequest) => {
  const { id } = request;
  queue = queue.then(async () => {
    try {
      if ('checkpoint' in request) {
        // PASSIVE: copies what it can without waiting for, or blocking, the main connection's writes.
        await withStore(async (db) => db.pragma('wal_checkpoint(PASSIVE)'));
        port.postMessage({ id, checkpointed: true } satisfies WorkerResponse);
        return;
      }
      const checked = await withStore((db) => checks.check(db, request.job));
      port.postMessage({ id, checked } satisfies WorkerResponse, checked.rows ? transferables(checked.rows) : []);
    } catch (error) {
      port.postMessage({ id, error: describeError(error) } satisfies WorkerResponse);
    }
  });
});
