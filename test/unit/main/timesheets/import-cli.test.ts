import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../../../main/cli';
import { tempDir } from '../../../fixtures/factories';
import { setupFirm } from './support';

describe('CSV import of past entries and the CLI', () => {
  it('imports an Excel FR spreadsheet (BOM, ;) in one batch, audited, and refuses a file with one bad line entirely', async () => {
    const { t, firm } = setupFirm();
    const good =
      '\uFEFFDate;Heure;Durée;Type;Objet\r\n03/11/2026;14:00;1,5;saisie;Factures\r\n04/11/2026;09:00;0:45;relances;Impayés\r\n';
    const report = await t.services.timesheetImport.run(firm.id, good, {}, 'heures.csv');
    expect(report).toMatchObject({ imported: 2, errors: [] });
    const { items } = t.services.timesheets.list({ firmId: firm.id, from: null, to: null, limit: 10, offset: 0 });
    expect(items.map((e) => [e.source, e.taskType, e.durationSeconds]).sort()).toEqual([
      ['import', 'data-entry', 5400],
      ['import', 'reminder', 2700],
    ]);
    expect(t.services.timesheets.auditOf(items[0]!.id)[0]).toMatchObject({ action: 'import', by: 'Julie' });
    const bad = 'Date;Durée\n05/11/2026;1:00\n06/11/2026;xx\n';
    const refused = await t.services.timesheetImport.run(firm.id, bad);
    expect(refused.imported).toBe(0);
    expect(refused.errors).toEqual([expect.objectContaining({ line: 3, column: 'Durée' })]);
    expect(t.services.timesheets.list({ firmId: firm.id, from: null, to: null, limit: 10, offset: 0 }).total).toBe(2);
    t.close();
  });

  it('refuses lines that fall in a locked month', async () => {
    const { t, firm } = setupFirm();
    t.services.billing.lock(firm.id, '2026-10', '');
    const report = await t.services.timesheetImport.run(firm.id, 'Date,Duration\n2026-10-30,1:00\n2026-11-02,1:00\n');
    expect(report.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/verrouillé/) })]);
    expect(report.imported).toBe(0);
    t.close();
  });

  it('imports with `entries import FILE --firm ID` and exports with `export --month … --format … --out DIR`', async () => {
    const { t, firm } = setupFirm();
    t.close();
    const file = path.join(tempDir(), 'toggl.csv');
    fs.writeFileSync(
      file,
      'Description,Start date,Start time,Duration,Tags,Billable\nAppels fournisseurs,2026-11-03,10:00:00,01:15:00,appel sortant,Yes\n',
    );
    const env = { PERMANENCE_DATA_DIR: t.dataDir };
    const imported = await runCli(['entries', 'import', file, '--firm', firm.id], env);
    expect(imported).toMatchObject({ exitCode: 0, stderr: '' });
    expect(imported.stdout).toMatch(/1 saisie/);
    const out = tempDir();
    const exported = await runCli(['export', '--month', '2026-11', '--format', 'csv,pdf', '--out', out], env);
    expect(exported.exitCode).toBe(0);
    // Her SIREN and address are not filled in: the CLI says so, as the Facturation screen does.
    expect(exported.stdout).toMatch(/identité de prestataire incomplète \(SIREN, adresse\).*Réglages → Identité/);
    expect(fs.readdirSync(out).sort()).toEqual([
      '2026-11_cabinet-martin_releve.csv',
      '2026-11_cabinet-martin_releve.pdf',
    ]);
    const refused = await runCli(['export', '--month', '2026-13', '--format', 'csv', '--out', out], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/--month/);
  });
});
