import path from 'node:path';
import { sourceRoot } from '../../../../main/platform/paths';
import { createServices } from '../../../../main/services';
import { createAuditLog } from '../../../../main/services/privacy/audit';
import { createBackupsService } from '../../../../main/services/privacy/backups';
import { createDevFileSecretStore } from '../../../../main/services/secrets';
import { openStore, type Db } from '../../../../main/store/open';
import { seedMessages } from '../../../bench/messages.bench';
import { makeFirmDraft, parsedDraft, tempDir } from '../../../fixtures/factories';

/** A store with a firm and `messages` messages (FTS indexed), for the backup tests; encrypted with `key` if given. */
export function storeWithRows(messages: number, dataDir = tempDir(), key?: Buffer): { dataDir: string; db: Db } {
  const db = openStore({ dataDir, ...(key ? { key } : {}) });
  const services = createServices(db, {
    assetsDir: path.join(sourceRoot(), 'assets'),
    dataDir,
    appVersion: 'test',
    transport: 'harness',
  });
  services.firms.save({ draft: parsedDraft(makeFirmDraft()) });
  seedMessages(db, messages);
  return { dataDir, db };
}

export function backupsOver(db: Db, dataDir: string, options: { now?: () => number; folder?: string | null } = {}) {
  const now = options.now ?? (() => Date.UTC(2026, 11, 3, 14, 5, 9));
  return createBackupsService({
    db,
    dataDir,
    appVersion: '1.2.3',
    now,
    audit: createAuditLog(db, createDevFileSecretStore(dataDir), now),
    folder: () => options.folder ?? null,
  });
}

export function count(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}
