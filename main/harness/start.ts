import path from 'node:path';
import { dataDirFromEnv, sourceRoot } from '../platform/paths';
import { startHarness } from './server';

const root = sourceRoot();
const harness = await startHarness({
  dataDir: dataDirFromEnv(path.join(root, '.harness-data')),
  rendererDir: path.join(root, 'dist', 'renderer'),
  assetsDir: path.join(root, 'assets'),
  port: process.env.PORT ? Number(process.env.PORT) : 0,
  appVersion: process.env.npm_package_version,
  token: process.env.PERMANENCE_HARNESS_TOKEN,
});
process.stdout.write(`Permanence harness: ${harness.url}\n`);

const shutdown = () => {
  void harness.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
