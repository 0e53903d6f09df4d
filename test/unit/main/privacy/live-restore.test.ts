import type { AppRestoreResult } from '../../../../shared/domain/privacy-rights';
import { restoreInApp, type StoreHost } from '../../../../main/services/privacy/live-restore';
import { createDevFileSecretStore } from '../../../../main/services/secrets';
import { tempDir } from '../../../fixtures/factories';

const dataDir = tempDir();
const deps = (storeHost: StoreHost | null, log: string[]) => ({
  storeHost,
  secrets: createDevFileSecretStore(dataDir),
  info: { dataDir, version: 't' },
  ctx: { now: () => 1 },
  timesheetImport: {
    stop: async () => {
      log.push('imports worker stopped');
    },
  },
});

describe('restore from the app', () => {
  it('stops the import worker (its own connection to the store file) before the store is replaced', async () => {
    const log: string[] = [];
    const answer: AppRestoreResult = {
      backup: 'permanence-20261203-140509.sqlite3',
      snapshot: null,
      reapplied: {
        tombstones: 0,
        counts: { contacts: 0, calls: 0, messages: 0, appointments: 0, outbox: 0, timeEntries: 0, searchIndex: 0 },
      },
    };
    const host: StoreHost = {
      replaceStore: async <T>() => {
        log.push('store replaced');
        return answer as T;
      },
    };
    await expect(restoreInApp(deps(host, log), answer.backup)).resolves.toBe(answer);
    expect(log).toEqual(['imports worker stopped', 'store replaced']);
  });

  it('is refused with an i18n key where no process can replace its store (tests, CLI)', async () => {
    await expect(restoreInApp(deps(null, []), 'x.sqlite3')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      text: { key: 'privacy.errors.restoreUnavailable' },
    });
  });
});
