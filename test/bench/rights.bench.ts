import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceRoot } from '../../main/platform/paths';
import { createServices } from '../../main/services';
import { DATABASE_FILE, openStore } from '../../main/store/open';
import { round } from './stats';

/**
 * Rights requests on a copy of the ten-year seed (100,000 messages, 150,000 calls, 50,000 contacts), for the
 * caller with the most messages in one firm:
 * - rights.find_ten_years: every kind looked for in her firm (her number, her name, text naming her).
 * - rights.erase_ten_years: the same search, the rows deleted or anonymised and the tombstone in one
 *   transaction, both search indexes optimised (rewritten as one segment each: what takes her words out of the
 *   file) and the WAL truncated. The main thread is blocked for this long.
 */
export async function run(
  report: (name: string, value: number, unit: string) => void,
  options: { seedDir?: string } = {},
): Promise<void> {
  const seedFile = options.seedDir ? path.join(options.seedDir, DATABASE_FILE) : '';
  if (!seedFile || !fs.existsSync(seedFile)) throw new Error('rights bench needs the ten-year seed');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-bench-rights-'));
  const seed = new Database(seedFile, { readonly: true, fileMustExist: true });
  seed.prepare('VACUUM INTO ?').run(path.join(dataDir, DATABASE_FILE));
  seed.close();
  try {
    const db = openStore({ dataDir });
    const services = createServices(db, {
      assetsDir: path.join(sourceRoot(), 'assets'),
      dataDir,
      appVersion: 'bench',
      transport: 'harness',
    });
    const person = db
      .prepare(
        `SELECT firm_id AS firmId, caller_phone AS phone, caller_name AS name FROM messages
         WHERE caller_phone <> '' AND caller_name <> '' GROUP BY firm_id, caller_phone ORDER BY count(*) DESC LIMIT 1`,
      )
      .get() as { firmId: string; phone: string; name: string };
    const query = { firmId: person.firmId, allFirms: false, phone: person.phone, name: person.name };

    let started = performance.now();
    const found = services.rights.find(query);
    report('rights.find_ten_years', round(performance.now() - started), 'ms');
    report('rights.find_ten_years.messages', found.counts.messages, 'rows');

    started = performance.now();
    const cpu = process.cpuUsage();
    const erased = services.rights.erase(query);
    report('rights.erase_ten_years', round(performance.now() - started), 'ms');
    const used = process.cpuUsage(cpu);
    report('rights.erase_ten_years.cpu', round((used.user + used.system) / 1000), 'ms');
    report(
      'rights.erase_ten_years.rows',
      erased.counts.contacts + erased.counts.calls + erased.counts.messages + erased.counts.timeEntries,
      'rows',
    );
    await services.messages.stopWorker();
    db.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
