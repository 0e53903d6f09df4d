import { Worker } from 'node:worker_threads';
import type { CheckedFile, ImportJob } from './job';
import { rebuildError, type WorkerRequest, type WorkerResponse, type WorkerSetup } from './messages';

/**
 * The worker from the bundle given, from the Electron bundle (this code is then inside app.cjs, and
 * scripts/build-main.mjs puts imports-worker.cjs beside it), or from the sources (tsx, vitest, the CLI: this module
 * is a .ts file; tsx's loader in the worker costs about 100 MB and a second, hence the bundle in the bench).
 */
function startWorker(setup: WorkerSetup, bundle: string | undefined): Worker {
  if (bundle) return new Worker(bundle, { workerData: setup });
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./worker.ts', here).href;
    return new Worker(new URL('./boot.mjs', here), { workerData: { ...setup, entry } });
  }
  return new Worker(new URL('./imports-worker.cjs', here), { workerData: setup });
}

/**
 * Checks import files in a worker thread, started at the first job and kept (it keeps the last file read, so
 * « Importer » after a preview skips reading it again). It holds the process open only while a job is running;
 * a worker that dies fails the jobs it had and the next job starts a new one.
 */
export function createImportsWorker(setup: WorkerSetup, bundle?: string) {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (answer: CheckedFile | null) => void; reject: (error: Error) => void }>();

  function failAll(error: Error): void {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  }

  function spawn(): Worker {
    const started = startWorker(setup, bundle);
    started.on('message', (response: WorkerResponse) => {
      const job = pending.get(response.id);
      pending.delete(response.id);
      if ('error' in response) job?.reject(rebuildError(response.error));
      else job?.resolve('checked' in response ? response.checked : null);
      if (pending.size === 0) started.unref();
    });
    started.on('error', (error) => {
      if (worker === started) worker = null;
      failAll(error);
    });
    started.on('exit', (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`Le traitement de l’import s’est arrêté (code ${code}).`));
    });
    return started;
  }

  function ask(request: Omit<WorkerRequest, 'id'>): Promise<CheckedFile | null> {
    worker ??= spawn();
    const id = (nextId += 1);
    const running = worker;
    running.ref();
    return new Promise<CheckedFile | null>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      running.postMessage({ id, ...request } as WorkerRequest);
    });
  }

  return {
    check: async (job: ImportJob): Promise<CheckedFile> => (await ask({ job }))!,
    /** Checkpoints the store's WAL from the worker, so the main connection's commits find little to checkpoint. */
    checkpoint: async (): Promise<void> => void (await ask({ checkpoint: true })),
    /** Stops the worker (tests, shutdown); a job still running fails. */
    async stop(): Promise<void> {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}
export type ImportsWorker = ReturnType<typeof createImportsWorker>;
