import fs from 'node:fs';
import path from 'node:path';
import { restoreFromBackup } from '../../../main/services/privacy/restore';
import { createAuditLog } from '../../../main/services/privacy/audit';
import { describeReapplied } from '../../../main/services/privacy/rights/describe';
import { ERASURE_KEY_SECRET } from '../../../main/services/privacy/rights/tombstones';
import { createDevFileSecretStore } from '../../../main/services/secrets';
import { DATABASE_FILE, openStore } from '../../../main/store/open';
import { openMessagingContext } from '../messaging-context';
import { AT, CANARIES, seedPeople } from './seed';

const DAY = 86_400_000;

function prepare() {
  let clock = AT + DAY;
  const t = openMessagingContext({ now: () => clock });
  const s = seedPeople(t.services, t.db);
  const backup = t.services.privacy.backupNow().backup.name;
  clock += DAY;
  const erased = t.services.rights.erase({ firmId: s.martin, allFirms: false, contactId: s.contactId });
  clock += DAY;
  return { t, s, backup, erased, later: () => (clock += DAY) };
}

describe('restore and erasures', () => {
  it('re-applies an erasure made after the backup: she stays erased, tombstones survive, the audit says so', async () => {
    const { t, s, backup, erased, later } = prepare();
    await t.close();
    const secrets = createDevFileSecretStore(t.dataDir);
    const outcome = restoreFromBackup({ dataDir: t.dataDir, file: backup, now: later, appVersion: 't', secrets });
    expect(outcome.reapplied).toEqual({ tombstones: 1, counts: erased.counts });
    expect(describeReapplied(outcome.reapplied)).toBe(
      'Effacements réappliqués : 1 (contacts 1, messages 2, appels 1, rendez-vous 1, courriels 1, saisies de temps 2).\n',
    );

    const db = openStore({ dataDir: t.dataDir });
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    expect(count("SELECT count(*) FROM contacts WHERE name = 'Hélène Kerjean'")).toBe(0);
    expect(
      count("SELECT count(*) FROM messages WHERE caller_name = 'Hélène Kerjean' AND firm_id = '" + s.martin + "'"),
    ).toBe(0);
    expect(count("SELECT count(*) FROM calls WHERE id = 'call-her' AND caller_number IS NULL")).toBe(1);
    expect(count("SELECT count(*) FROM time_entries WHERE label = 'Personne effacée'")).toBe(2);
    // Everyone else came back with the backup.
    expect(count("SELECT count(*) FROM contacts WHERE name = 'Marc Dupont'")).toBe(1);
    expect(count(`SELECT count(*) FROM messages WHERE firm_id = '${s.roux}'`)).toBe(1);
    expect(db.prepare('SELECT id FROM erasure_tombstones').pluck().all()).toEqual(erased.tombstones);
    const kinds = db.prepare('SELECT kind, detail FROM audit_log ORDER BY seq').all() as {
      kind: string;
      detail: string;
    }[];
    expect(kinds.map((k) => k.kind).slice(-2)).toEqual(['backup.restored', 'erasures.reapplied']);
    expect(JSON.parse(kinds.at(-1)!.detail)).toMatchObject({ tombstones: 1, copied: 1, contacts: 1, messages: 2 });
    expect(createAuditLog(db, secrets).verify().ok).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = path.join(t.dataDir, 'copy.sqlite3');
    db.prepare('VACUUM INTO ?').run(copy);
    db.close();
    // Roux's rows of hers stay (not part of this request); Martin's canaries are gone from the file.
    const bytes = fs.readFileSync(copy);
    for (const canary of ['zorglubcanari', 'hibouxcanari', 'Rappel au 06.11'])
      expect(bytes.includes(canary)).toBe(false);
    expect(CANARIES.length).toBeGreaterThan(0);
  });

  it('does not re-apply an erasure the backup already holds, and keeps its tombstone', async () => {
    const { t, later } = prepare();
    const after = t.services.privacy.backupNow().backup.name; // made after the erasure
    await t.close();
    const secrets = createDevFileSecretStore(t.dataDir);
    const outcome = restoreFromBackup({ dataDir: t.dataDir, file: after, now: later, appVersion: 't', secrets });
    expect(outcome.reapplied.tombstones).toBe(0);
    const db = openStore({ dataDir: t.dataDir });
    expect(db.prepare('SELECT count(*) FROM erasure_tombstones').pluck().get()).toBe(1);
    db.close();
  });

  it('refuses to restore, changing nothing, when the erasure key is gone', async () => {
    const { t, backup, later } = prepare();
    await t.close();
    const secrets = createDevFileSecretStore(t.dataDir);
    secrets.delete(ERASURE_KEY_SECRET);
    const store = path.join(t.dataDir, DATABASE_FILE);
    const before = fs.readFileSync(store);
    expect(() => restoreFromBackup({ dataDir: t.dataDir, file: backup, now: later, appVersion: 't', secrets })).toThrow(
      /personnes effacées/,
    );
    expect(fs.readFileSync(store).equals(before)).toBe(true);
  });
});
