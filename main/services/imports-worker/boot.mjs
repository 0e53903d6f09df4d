// Starts the imports worker from its TypeScript sources (tsx, vitest, the CLI): tsx's loader is registered in the
// worker itself, since a worker does not inherit the loader of the thread that started it on Node 20. The
// Electron app starts the bundled imports-worker.cjs instead (scripts/build-main.mjs).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
