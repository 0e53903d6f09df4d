/**
 * Command-line entry over the same services as the app: `npm run cli -- workspace import FILE`.
 * Works on PERMANENCE_DATA_DIR (required, so a script never touches the secretary's real data by accident).
 */
import fs from 'node:fs';
import path from 'node:path';
import { PermanenceError } from '../shared/api';
import { sourceRoot } from './platform/paths';
import { createServices, type Services } from './services';
import { TIMESHEETS_USAGE, timesheetsCommands } from './services/timesheets-cli';
import { INVOICES_USAGE, invoicesCommands } from './services/invoices/cli';
import { PRIVACY_USAGE, privacyCommands, privacyOfflineCommands } from './services/privacy/cli';
import { RETENTION_USAGE, retentionCommands } from './services/privacy/retention/cli';
import { devStoreKey } from './services/privacy/dev-store';
import { openStore, type Db } from './store/open';

const USAGE = `Usage (PERMANENCE_DATA_DIR must point at the data directory):
  npm run cli -- workspace import FILE    import firms, people, consignes, scripts and contacts (all or nothing)
  npm run cli -- workspace export FILE    write the workspace to FILE (never includes passwords)
${TIMESHEETS_USAGE}${INVOICES_USAGE}${PRIVACY_USAGE}${RETENTION_USAGE}`;

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

type Command = (services: Services, args: string[]) => string | Promise<string>;

const COMMANDS: Record<string, Command> = {
  ...timesheetsCommands,
  ...invoicesCommands,
  ...privacyCommands,
  ...retentionCommands,
  'workspace import': (services, [file]) => {
    if (!file) throw new UsageError('workspace import needs a FILE');
    const report = services.workspace.importContent(fs.readFileSync(file, 'utf8'));
    return (
      `Import réussi : ${report.firmsCreated} cabinet(s) créé(s), ${report.firmsUpdated} mis à jour, ` +
      `${report.contactsCreated} contact(s) créé(s), ${report.contactsUpdated} mis à jour.\n`
    );
  },
  'workspace export': (services, [file]) => {
    if (!file) throw new UsageError('workspace export needs a FILE');
    const { content } = services.workspace.exportContent();
    fs.writeFileSync(file, content);
    return `Espace de travail exporté dans ${file}.\n`;
  },
};

class UsageError extends Error {}

/** A command that works on the closed store (a restore swaps its files) and takes the lock itself. */
function runOffline(command: (dataDir: string, args: string[]) => string, dataDir: string, args: string[]): CliResult {
  try {
    return { exitCode: 0, stdout: command(dataDir, args), stderr: '' };
  } catch (error) {
    if (error instanceof PermanenceError) return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    return { exitCode: 1, stdout: '', stderr: `${(error as Error).stack ?? String(error)}\n` };
  }
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliResult> {
  const dataDir = env.PERMANENCE_DATA_DIR;
  // Commands are one word ('export') or two ('workspace import').
  const key = COMMANDS[argv.slice(0, 2).join(' ')] ? argv.slice(0, 2).join(' ') : (argv[0] ?? '');
  const command = COMMANDS[key];
  const offline = privacyOfflineCommands[argv.slice(0, 2).join(' ')];
  if (!command && !offline) return { exitCode: 2, stdout: '', stderr: USAGE };
  if (!dataDir) return { exitCode: 2, stdout: '', stderr: `PERMANENCE_DATA_DIR is not set.\n${USAGE}` };
  if (offline) return runOffline(offline, path.resolve(dataDir), argv.slice(2));
  if (!command) return { exitCode: 2, stdout: '', stderr: USAGE };
  let db: Db;
  try {
    // Takes the data directory's lock: with the app or the harness running on it, the CLI refuses and writes nothing.
    // The store is opened with the harness's DEV-ONLY key when its data directory has one (a plain store otherwise).
    const key = devStoreKey(path.resolve(dataDir), { create: false });
    db = openStore({ dataDir: path.resolve(dataDir), ...(key ? { key } : {}) });
  } catch (error) {
    if (error instanceof PermanenceError) return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
  try {
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'cli',
      transport: 'harness',
    });
    return { exitCode: 0, stdout: await command(services, argv.slice(key.split(' ').length)), stderr: '' };
  } catch (error) {
    if (error instanceof UsageError) return { exitCode: 2, stdout: '', stderr: `${error.message}\n${USAGE}` };
    if (error instanceof PermanenceError) return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    return { exitCode: 1, stdout: '', stderr: `${(error as Error).stack ?? String(error)}\n` };
  } finally {
    db.close();
  }
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isEntry) {
  void runCli(process.argv.slice(2)).then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  });
}
