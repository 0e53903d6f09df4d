import { Worker } from 'node:worker_threads';
import { CalDavError } from '../caldav';
import type {
  ExpandRequest,
  ExpandResult,
  PullRequest,
  PullResult,
  SyncWorkerRequest,
  SyncWorkerResponse,
  SyncWorkerSetup,
} from './messages';

/**
 * Starts the sync worker from the bundle given, from beside app.cjs in the Electron bundle
 * (scripts/build-main.mjs writes agenda-sync-worker.cjs there), or from the TypeScript sources through the
 * imports worker's tsx boot (tsx, vitest, the CLI).
 */
function startWorker(setup: SyncWorkerSetup, bundle: string | undefined): Worker {
  if (bundle) return new Worker(bundle, { workerData: setup });
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./worker.ts', here).href;
    return new Worker(new URL('../../../imports-worker/boot.mjs', here), { workerData: { ...setup, entry } });
  }
  return new Worker(new URL('./agenda-sync-worker.cjs', here), { workerData: setup });
}

type Answer = { pulled: PullResult } | { expanded: ExpandResult };

/**
 * The main thread's handle on the sync worker: started at the first job, kept while jobs run (unref'd when idle),
 * restarted after a crash. `pause(true)` while a call rings or is on: the worker stops at its next checkpoint.
 */
export function createSyncWorker(options: { bundle?: string } = {}) {
  const flag = new SharedArrayBuffer(8);
  const paused = new Int32Array(flag);
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();

  function failAll(error: Error): void {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  }

  function spawn(): Worker {
    const started = startWorker({ pause: flag }, options.bundle);
    started.on('message', (response: SyncWorkerResponse) => {
      const job = pending.get(response.id);
      pending.delete(response.id);
      if ('error' in response) {
        const { failure, message, status } = response.error;
        job?.reject(failure === 'internal' ? new Error(message) : new CalDavError(failure, message, status));
      } else job?.resolve(response);
      if (pending.size === 0) started.unref();
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`agenda sync worker stopped (code ${code})`));
    });
    return started;
  }

  function ask(request: PullRequest | ExpandRequest): Promise<Answer> {
    worker ??= spawn();
    const id = (nextId += 1);
    const running = worker;
    running.ref();
    return new Promise<Answer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      running.postMessage({ id, ...request } as SyncWorkerRequest);
    });
  }

  return {
    pull: async (request: Omit<PullRequest, 'kind'>): Promise<PullResult> =>
      ((await ask({ kind: 'pull', ...request })) as { pulled: PullResult }).pulled,
    expand: async (request: Omit<ExpandRequest, 'kind'>): Promise<ExpandResult> =>
      ((await ask({ kind: 'expand', ...request })) as { expanded: ExpandResult }).expanded,
    /** Raised while a call rings or is on; the worker blocks at its next checkpoint until lowered. */
    pause(on: boolean): void {
      Atomics.store(paused, 0, on ? 1 : 0);
      if (!on) Atomics.notify(paused, 0);
    },
    get paused(): boolean {
      return Atomics.load(paused, 0) === 1;
    },
    /** The worker is held at a checkpoint by the pause. */
    get holding(): boolean {
      return Atomics.load(paused, 1) === 1;
    },
    async stop(): Promise<void> {
      const running = worker;
      worker = null;
      this.pause(false);
      if (running) await running.terminate();
    },
  };
}
export type SyncWorker = ReturnType<typeof createSyncWorker>;
