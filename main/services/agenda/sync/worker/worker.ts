import { parentPort, workerData } from 'node:worker_threads';
import { CalDavError } from '../caldav';
import type { SyncWorkerFailure, SyncWorkerRequest, SyncWorkerResponse, SyncWorkerSetup } from './messages';
import { expand, pull, transferablesOf } from './pull';

/**
 * The agenda sync worker: CalDAV reads (the XML of thousands of objects), iCalendar parsing and the expansion of
 * series run here, never on the main thread. While a call rings or is on, the main thread raises the pause flag
 * and this thread blocks at its next checkpoint (Atomics.wait) until the call ends.
 */
const setup = workerData as SyncWorkerSetup;
const port = parentPort!;
const pause = new Int32Array(setup.pause);

function checkpoint(): void {
  if (Atomics.load(pause, 0) !== 1) return;
  Atomics.store(pause, 1, 1); // [1]: the worker is holding at a checkpoint (tests and the status read it)
  while (Atomics.load(pause, 0) === 1) Atomics.wait(pause, 0, 1);
  Atomics.store(pause, 1, 0);
}

function describe(error: unknown): SyncWorkerFailure {
  if (error instanceof CalDavError) return { failure: error.failure, message: error.message, status: error.status };
  return { failure: 'internal', message: error instanceof Error ? error.message : String(error), status: null };
}

// One job at a time, in order.
let queue = Promise.resolve();
port.on('message', (request: SyncWorkerRequest) => {
  queue = queue.then(async () => {
    try {
      if (request.kind === 'pull') {
        const pulled = await pull(request, checkpoint);
        port.postMessage({ id: request.id, pulled } satisfies SyncWorkerResponse, transferablesOf(pulled.occurrences));
      } else {
        const expanded = expand(request.objects, request.window, request.firmZone, checkpoint);
        port.postMessage(
          { id: request.id, expanded } satisfies SyncWorkerResponse,
          transferablesOf(expanded.occurrences),
        );
      }
    } catch (error) {
      port.postMessage({ id: request.id, error: describe(error) } satisfies SyncWorkerResponse);
    }
  });
});
