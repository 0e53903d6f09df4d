import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceRoot } from '../../../../main/platform/paths';
import { createServices } from '../../../../main/services';
import { createImportsWorker } from '../../../../main/services/imports-worker/client';
import { entriesAt } from '../../../../main/services/imports-worker/columns';
import type { ImportJob } from '../../../../main/services/imports-worker/job';
import { migrate } from '../../../../main/store/open';
import { makeFirmDraft, parsedDraft } from '../../../fixtures/factories';
import { setupFirm } from '../timesheets/support';

const FILE =
  'Date;Heure;Durée;Type;Quantité;Objet\n03/11/2026;09:00;0:30;frappe;4;Compte rendu\n04/11/2026;14:00;1:00;saisie;1;Factures\n';

const job = (overrides: Partial<ImportJob> = {}): ImportJob => ({
  kind: 'run',
  firmId: 'firm-1',
  timeZone: 'Europe/Paris',
  lockedMonths: {},
  content: FILE,
  options: {},
  fileName: 'heures.csv',
  ...overrides,
});

describe('time-entry import worker', () => {
  it('checks the file in the worker and hands back the entries to write in day order, text and flags intact', async () => {
    const { t } = setupFirm();
    const worker = createImportsWorker({ file: t.db.name });
    try {
      const later = '05/11/2026;08:00;0:15;appel;1;Dossier « Lefèvre » 🙂\n';
      const checked = await worker.check(job({ content: FILE.replace('Objet\n', `Objet\n${later}`) }));
      expect(checked.report).toMatchObject({ errorCount: 0, toImport: 3, imported: 0 });
      expect(entriesAt(checked.rows!, 0, 3).map((e) => [e.line, e.taskType, e.label, e.quantity])).toEqual([
        [3, 'typing-page', 'Compte rendu', 4],
        [4, 'data-entry', 'Factures', 1],
        [2, 'call', 'Dossier « Lefèvre » 🙂', 1],
      ]);
      // A preview writes nothing and hands back no entries.
      expect((await worker.check(job({ kind: 'preview' }))).rows).toBeNull();
    } finally {
      await worker.stop();
      t.close();
    }
  });

  it('gives back the same error code and message as the check would throw on the main thread', async () => {
    const { t } = setupFirm();
    const worker = createImportsWorker({ file: t.db.name });
    try {
      const unreadable = new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0x28, 0x3b, 0x0a]);
      await expect(worker.check(job({ content: unreadable }))).rejects.toMatchObject({
        name: 'PermanenceError',
        code: 'VALIDATION',
        message: expect.stringContaining('UTF-8'),
      });
      // The worker is still there for the next file.
      expect((await worker.check(job())).report.toImport).toBe(2);
    } finally {
      await worker.stop();
      t.close();
    }
  });

  it('checkpoints the WAL from the worker, so the main connection finds little to copy into the store file', async () => {
    const { t } = setupFirm();
    const worker = createImportsWorker({ file: t.db.name });
    try {
      // About 500 pages in the WAL, below the 1,000 that make the main connection checkpoint on commit.
      t.db.exec('CREATE TABLE scratch (x BLOB)');
      t.db
        .prepare(
          'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO scratch SELECT randomblob(1000) FROM n',
        )
        .run();
      const before = fs.statSync(t.db.name).size;
      await worker.checkpoint();
      expect(fs.statSync(t.db.name).size).toBeGreaterThan(before + 1_000_000);
    } finally {
      await worker.stop();
      t.close();
    }
  });

  it('commits the import slices without an fsync each, and leaves the connection at synchronous = FULL', async () => {
    const { t, firm } = setupFirm();
    const pragmas: string[] = [];
    const pragma = t.db.pragma.bind(t.db);
    t.db.pragma = ((source: string, options?: Database.PragmaOptions) => {
      pragmas.push(source);
      return pragma(source, options);
    }) as typeof t.db.pragma;
    const report = await t.services.timesheetImport.run(firm.id, FILE, {}, 'a.csv');
    expect(report.imported).toBe(2);
    expect(pragmas).toContain('synchronous = NORMAL');
    expect(pragma('synchronous', { simple: true })).toBe(2);
    t.close();
  });

  it('imports on the main connection when the store is in memory (no file for a worker to open)', async () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:', () => new Date());
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-memory-'));
    try {
      const services = createServices(db, {
        assetsDir: path.join(sourceRoot(), 'assets'),
        dataDir,
        appVersion: 'test',
        transport: 'harness',
      });
      const firm = services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
      const report = await services.timesheetImport.run(firm.id, FILE, {}, 'a.csv');
      expect(report).toMatchObject({ imported: 2, errorCount: 0 });
      expect(db.prepare("SELECT count(*) AS n FROM time_entries WHERE source = 'import'").get()).toEqual({ n: 2 });
    } finally {
      db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
