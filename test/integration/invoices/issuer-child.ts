/**
 * A second issuer for the numbering test, run as its own process: `tsx issuer-child.ts DATA_DIR INVOICE_ID N`.
 * It opens the store file directly, going UNDER the data directory's lock on purpose (the lock already keeps a
 * second Permanence out; this proves the numbering holds even without it), and issues N one-cent credit notes,
 * printing each number as soon as it is committed.
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createServices } from '../../../main/services';
import type { Db } from '../../../main/store/open';
import { sourceRoot } from '../../../main/platform/paths';
import { registerSearchFunctions } from '../../../main/store/repositories/fts';

const [dataDir, invoiceId, count] = process.argv.slice(2);
const db = new Database(path.join(dataDir!, 'permanence.sqlite3')) as unknown as Db;
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 20000');
registerSearchFunctions(db); // what openStore does on every connection
const services = createServices(db, {
  assetsDir: path.join(sourceRoot(), 'assets'),
  dataDir: dataDir!,
  appVersion: 'test',
  transport: 'harness',
  now: () => Date.UTC(2026, 11, 2, 9, 0),
});
for (let i = 0; i < Number(count); i += 1) {
  const credit = await services.invoices.creditNote(invoiceId!, 1, `avoir ${process.pid}-${i}`);
  process.stdout.write(`${credit.number}\n`);
}
db.close();
