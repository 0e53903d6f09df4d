import path from 'node:path';
import { PermanenceError } from '../../shared/api';
import { createFileLogger } from '../platform/logger';
import { dataDirFromEnv, sourceRoot } from '../platform/paths';
import { startHarness } from './server';

// Files this process creates (exports, backups, logs) are readable by their owner only.
process.umask(0o077);
const root = sourceRoot();
const dataDir = dataDirFromEnv(path.join(root, '.harness-data'));
let harness: Awaited<ReturnType<typeof startHarness>>;
try {
  harness = await startHarness({
    dataDir,
    rendererDir: path.join(root, 'dist', 'renderer'),
    assetsDir: path.join(root, 'assets'),
    port: process.env.PORT ? Number(process.env.PORT) : 0,
    appVersion: process.env.npm_package_version,
    token: process.env.PERMANENCE_HARNESS_TOKEN,
  });
} catch (error) {
  // Another Permanence owns this data directory: say so and leave without touching it (no log line either).
  if (error instanceof PermanenceError && error.code === 'DATA_DIR_IN_USE') {
    process.stderr.write(`${error.message}\n`);
    process.exit(3);
  }
  throw error;
}
// The README promises logs/permanence.log in the data directory: the harness writes there like the app.
const logger = createFileLogger(dataDir);
logger.info(`Permanence harness ${process.env.npm_package_version ?? ''} started`, {
  dataDir,
  port: harness.port,
  node: process.versions.node,
});
process.on('uncaughtException', (error) => {
  logger.error('uncaught exception', error);
  process.exit(1);
});
process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', reason));
const recovery = harness.services.recovery.status();
if (recovery.mode === 'recovery') {
  // The page shows the recovery screen; say it here too, for whoever started the harness from a terminal.
  logger.error('the store cannot be opened: harness in recovery mode', recovery.damage);
  process.stdout.write(`Permanence harness: the store cannot be opened (${recovery.damage.kind}): recovery mode.\n`);
}
process.stdout.write(`Permanence harness: ${harness.url}\n`);

const shutdown = (signal: string) => {
  logger.info(`harness stopping (${signal})`);
  void harness.close().then(() => process.exit(0));
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
