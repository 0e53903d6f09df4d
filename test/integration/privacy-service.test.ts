import fs from 'node:fs';
import path from 'node:path';
import { makeFirmDraft, openTestContext, parsedDraft, tempDir } from '../fixtures/factories';

describe('privacy methods (settings dialog « Sauvegardes ») and audit hooks', () => {
  it('backs up through the contract, lists it verified, and saves the second folder', async () => {
    const t = openTestContext();
    const usb = path.join(tempDir(), 'usb');
    expect(await t.client.privacy.backupSettings({})).toEqual({
      folder: null,
      backupsDir: path.join(t.dataDir, 'backups'),
    });
    expect(await t.client.privacy.saveBackupSettings({ folder: ` ${usb} ` })).toMatchObject({ folder: usb });
    const outcome = await t.client.privacy.backupNow({});
    expect(outcome.copy).toEqual({ ok: true, file: path.join(usb, outcome.backup.name) });
    expect(fs.existsSync(path.join(usb, `${outcome.backup.name}.manifest.json`))).toBe(true);
    const list = await t.client.privacy.listBackups({});
    expect(list).toEqual([outcome.backup]);
    expect(list[0]).toMatchObject({ verified: true, reason: 'manual' });
    expect(await t.client.privacy.saveBackupSettings({ folder: null })).toMatchObject({ folder: null });
    t.close();
  });

  it('refuses a relative folder, one inside the data directory, or one that cannot be written', async () => {
    const t = openTestContext();
    await expect(t.client.privacy.saveBackupSettings({ folder: 'usb/sauvegardes' })).rejects.toMatchObject({
      code: 'VALIDATION',
      text: { key: 'privacy.errors.folderNotAbsolute' },
    });
    await expect(
      t.client.privacy.saveBackupSettings({ folder: path.join(t.dataDir, 'backups', 'x') }),
    ).rejects.toMatchObject({ text: { key: 'privacy.errors.folderInsideData' } });
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    await expect(t.client.privacy.saveBackupSettings({ folder: path.join(file, 'sub') })).rejects.toMatchObject({
      text: { key: 'privacy.errors.folderNotWritable' },
    });
    expect((await t.client.privacy.backupSettings({})).folder).toBeNull();
    t.close();
  });

  it('writes audit entries for relevé, invoice and workspace exports and month unlocks, without personal data', async () => {
    const t = openTestContext({ now: () => Date.UTC(2026, 11, 3, 10) });
    const firm = t.services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
    await t.services.exports.exportMonth({
      month: '2026-11',
      firmId: firm.id,
      formats: ['csv'],
      csvPreset: 'excel-fr',
    });
    await t.services.invoices.exportMonth('2026-11');
    t.services.billing.lock(firm.id, '2026-11', 'relevé envoyé');
    t.services.billing.unlock(firm.id, '2026-11', 'correction demandée par M. Dupont');
    t.services.workspace.exportContent();
    const rows = t.db.prepare('SELECT kind, firm_id, subject, detail FROM audit_log ORDER BY seq').all();
    expect(rows).toEqual([
      {
        kind: 'export.releve',
        firm_id: firm.id,
        subject: '2026-11',
        detail: JSON.stringify({ firms: 1, files: 1, formats: 'csv' }),
      },
      {
        kind: 'export.invoices',
        firm_id: null,
        subject: '2026-11',
        detail: expect.stringMatching(/^\{"files":\d+\}$/),
      },
      {
        kind: 'billing.month-unlocked',
        firm_id: firm.id,
        subject: '2026-11',
        detail: JSON.stringify({ allFirms: false }),
      },
      { kind: 'export.workspace', firm_id: null, subject: null, detail: JSON.stringify({ firms: 1, contacts: 0 }) },
    ]);
    expect(JSON.stringify(rows)).not.toContain('Dupont');
    expect(t.services.privacy.audit.verify()).toEqual({ ok: true, count: 4 });
    t.close();
  });
});
