import { createTimeEntryImportsRepository } from '../../../../main/store/repositories/time-entry-imports';
import { makeFirmDraft, openTestContext, parsedDraft } from '../../../fixtures/factories';
import { setupFirm } from '../timesheets/support';

const FILE =
  'Date;Heure;Durée;Type;Quantité;Objet\n03/11/2026;09:00;0:30;frappe;4;Compte rendu\n04/11/2026;14:00;1:00;saisie;1;Factures\n';

/** `lines` lines, all different, spread over November 2026. */
function bigFile(lines: number): string {
  const rows = ['Date;Heure;Durée;Type'];
  for (let i = 0; i < lines; i += 1) {
    const minutes = 8 * 60 + (i % 600);
    rows.push(
      `${String(1 + (i % 28)).padStart(2, '0')}/11/2026;${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')};0:${String(1 + (Math.floor(i / 600) % 59)).padStart(2, '0')};appel`,
    );
  }
  return `${rows.join('\n')}\n`;
}

const importedCount = (t: ReturnType<typeof setupFirm>['t'], firmId: string) =>
  (
    t.db.prepare("SELECT count(*) AS n FROM time_entries WHERE firm_id = ? AND source = 'import'").get(firmId) as {
      n: number;
    }
  ).n;

describe('time entries imported twice', () => {
  it('shows rows identical to stored entries as duplicates and skips them unless she asks for them', async () => {
    const { t, firm } = setupFirm();
    const first = await t.client.timesheets.import({ firmId: firm.id, content: FILE, fileName: 'a.csv' });
    expect(first).toMatchObject({ imported: 2, duplicates: 0 });

    const changed = `${FILE}05/11/2026;10:00;0:15;relance;1;Impayés\n`;
    const preview = await t.client.timesheets.previewImport({ firmId: firm.id, content: changed });
    expect(preview).toMatchObject({ errorCount: 0, duplicates: 2, duplicateLines: [2, 3], toImport: 1 });
    expect(preview.preview.map((p) => [p.line, p.duplicate])).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    const second = await t.client.timesheets.import({ firmId: firm.id, content: changed });
    expect(second).toMatchObject({ imported: 1, duplicates: 2 });
    expect(importedCount(t, firm.id)).toBe(3);

    const again = await t.client.timesheets.import({ firmId: firm.id, content: changed });
    expect(again).toMatchObject({ imported: 0, duplicates: 3, toImport: 0, errorCount: 0 });
    expect(importedCount(t, firm.id)).toBe(3);

    const asked = await t.client.timesheets.import({ firmId: firm.id, content: FILE, includeDuplicates: true });
    expect(asked).toMatchObject({ imported: 2, duplicates: 2, includeDuplicates: true });
    expect(importedCount(t, firm.id)).toBe(5);
    t.close();
  });

  it('a row differing only in quantity, duration, task type or start is not a duplicate', async () => {
    const { t, firm } = setupFirm();
    await t.client.timesheets.import({ firmId: firm.id, content: FILE });
    const variants = [
      'Date;Heure;Durée;Type;Quantité',
      '03/11/2026;09:00;0:30;frappe;5',
      '03/11/2026;09:00;0:31;frappe;4',
      '03/11/2026;09:00;0:30;saisie;4',
      '03/11/2026;09:01;0:30;frappe;4',
    ].join('\n');
    expect(await t.client.timesheets.previewImport({ firmId: firm.id, content: variants })).toMatchObject({
      duplicates: 0,
      toImport: 4,
    });
    t.close();
  });

  it('another firm’s identical entries are not duplicates', async () => {
    const { t, firm } = setupFirm();
    await t.client.timesheets.import({ firmId: firm.id, content: FILE });
    const { id: secondFirm } = t.services.firms.save({
      draft: parsedDraft(makeFirmDraft({ name: 'Cabinet Durand', numbers: [{ e164: '01 99 00 77 01', label: '' }] })),
    });
    expect(await t.client.timesheets.previewImport({ firmId: secondFirm, content: FILE })).toMatchObject({
      duplicates: 0,
      toImport: 2,
    });
    t.close();
  });
});

describe('import after a preview of the same file', () => {
  it('still refuses a month locked, and skips an entry saved, between the preview and « Importer »', async () => {
    const { t, firm } = setupFirm();
    const preview = await t.client.timesheets.previewImport({ firmId: firm.id, content: FILE });
    expect(preview).toMatchObject({ errorCount: 0, toImport: 2 });
    await t.client.timesheets.create({
      firmId: firm.id,
      taskType: 'data-entry',
      startedAt: Date.UTC(2026, 10, 4, 13),
      durationSeconds: 3600,
      quantity: 1,
      billable: true,
      urgent: false,
      label: '',
      note: '',
    });
    expect(await t.client.timesheets.import({ firmId: firm.id, content: FILE })).toMatchObject({
      imported: 1,
      duplicates: 1,
      duplicateLines: [3],
    });
    t.services.billing.lock(firm.id, '2026-11', '');
    const refused = await t.client.timesheets.import({ firmId: firm.id, content: FILE, includeDuplicates: true });
    expect(refused).toMatchObject({ imported: 0, errorCount: 2 });
    expect(refused.errors[0]!.message).toMatch(/verrouillé/);
    t.close();
  });
});

describe('large imports never freeze the app', () => {
  it('writes every line of a file larger than one slice, and serves another contract call while it runs', async () => {
    const { t, firm } = setupFirm();
    const lines = 12_000;
    let importFinished = false;
    const importing = t.client.timesheets
      .import({ firmId: firm.id, content: bigFile(lines), fileName: 'gros.csv' })
      .then((report) => {
        importFinished = true;
        return report;
      });
    const draft = await t.client.messages.saveDraft({ firmId: firm.id, content: { callerName: 'Mme Lefèvre' } });
    // The draft was saved (acknowledged) while the import was still running.
    expect(importFinished).toBe(false);
    expect(draft.id).toBeTruthy();
    expect(await importing).toMatchObject({ imported: lines, errorCount: 0 });
    expect(importedCount(t, firm.id)).toBe(lines);
    const batch = t.db.prepare('SELECT entry_count FROM time_import_batches WHERE file_name = ?').get('gros.csv');
    expect(batch).toEqual({ entry_count: lines });
    t.close();
  });

  it('removes at the next start a batch a crash left unfinished, with its entries and their audit', () => {
    const { t, firm } = setupFirm();
    const repo = createTimeEntryImportsRepository(t.db);
    repo.startBatch('batch-cut', firm.id, 'coupé.csv', 1, 'Julie');
    const entry = {
      firmId: firm.id,
      source: 'import' as const,
      callId: null,
      taskType: 'call' as const,
      startedAt: Date.UTC(2026, 10, 3, 9),
      durationSeconds: 600,
      afterCallSeconds: 0,
      quantity: 1,
      billable: true,
      urgent: false,
      label: '',
      note: '',
      importBatchId: 'batch-cut',
      createdAt: 1,
      updatedAt: 1,
    };
    repo.insertSlice(
      [
        { ...entry, id: 'cut-1' },
        { ...entry, id: 'cut-2' },
      ],
      1,
      'Julie',
    );
    t.close();
    const reopened = openTestContext({ dataDir: t.dataDir });
    const count = (sql: string) => (reopened.db.prepare(sql).get() as { n: number }).n;
    expect(count("SELECT count(*) AS n FROM time_entries WHERE import_batch_id = 'batch-cut'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM entry_audit WHERE entry_id IN ('cut-1', 'cut-2')")).toBe(0);
    expect(count("SELECT count(*) AS n FROM time_import_batches WHERE id = 'batch-cut'")).toBe(0);
    reopened.close();
  });

  it('reports every error in the count but lists only the first 200', async () => {
    const { t, firm } = setupFirm();
    const bad = ['Date;Durée', ...Array.from({ length: 500 }, () => 'pas une date;1:00')].join('\n');
    const report = await t.client.timesheets.previewImport({ firmId: firm.id, content: bad });
    expect(report.errorCount).toBe(500);
    expect(report.errors).toHaveLength(200);
    expect(report.errors[0]).toMatchObject({ line: 2, column: 'Date' });
    t.close();
  });
});
