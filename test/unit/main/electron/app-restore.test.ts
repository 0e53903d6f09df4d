import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeFirmDraft } from '../../../fixtures/factories';

vi.mock('electron', () => import('../../../fakes/electron'));

type Fake = typeof import('../../../fakes/electron');
let userData: string;

async function startApp(): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFakeElectron();
  fake.app.requestSingleInstanceLock.mockReturnValue(true);
  await import('../../../../main/electron/app');
  await new Promise((resolve) => setTimeout(resolve, 0)); // let whenReady().then(start) run
  return fake;
}

beforeEach(() => {
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'permanence-app-'));
  vi.stubEnv('PERMANENCE_TEST_USERDATA', userData);
  vi.stubEnv('PERMANENCE_DATA_DIR', path.join(userData, 'data'));
});
afterEach(() => {
  vi.unstubAllEnvs();
  fs.rmSync(userData, { recursive: true, force: true });
});

describe('Electron entry: restore a backup from the app', () => {
  it('closes the store, restores, re-applies the erasure made since and answers on the restored store', async () => {
    const fake = await startApp();
    const own = fake.BrowserWindow.instances[0]?.loadURL.mock.calls[0]?.[0] ?? '';
    const call = async (name: string, input: unknown) => {
      const envelope = (await fake.ipcMain.handlers.get(name)?.({ senderFrame: { url: own, parent: null } }, input)) as
        { ok: true; value: unknown } | { ok: false; error: { message: string } };
      if (!envelope?.ok) throw new Error(`${name}: ${envelope?.error.message}`);
      return envelope.value as never;
    };
    const firm: { id: string } = await call('firms:save', { draft: makeFirmDraft({ name: 'Cabinet Martin' }) });
    const contact = (name: string, phone: string) => ({
      firmId: firm.id,
      contact: { name, phones: [phone], company: '', email: '', notes: '', vip: false, doNotTransfer: false },
    });
    const her: { id: string } = await call('contacts:save', contact('Hélène Kerjean', '06 11 22 33 44'));
    await call('contacts:save', contact('Marc Dupont', '06 12 34 56 78'));
    const { backup }: { backup: { name: string } } = await call('privacy:backupNow', {});
    await call('privacy:erasePerson', { firmId: firm.id, contactId: her.id });

    const restored: { backup: string; reapplied: { tombstones: number; counts: { contacts: number } } } = await call(
      'privacy:restoreBackup',
      { name: backup.name },
    );
    expect(restored).toMatchObject({ backup: backup.name, reapplied: { tombstones: 1, counts: { contacts: 1 } } });
    const list: { items: { name: string }[] } = await call('contacts:list', {
      firmId: firm.id,
      query: '',
      limit: 10,
      offset: 0,
    });
    expect(list.items.map((c) => c.name)).toEqual(['Marc Dupont']);
    expect(
      fs.readdirSync(path.join(userData, 'data', 'backups')).some((f) => f.endsWith('-avant-restauration.sqlite3')),
    ).toBe(true);

    fake.app.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(fake.app.exit.mock.calls.length).toBeGreaterThan(0));
  });
});
