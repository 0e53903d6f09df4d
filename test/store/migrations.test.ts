import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, migrate, openStore, schemaVersion } from '../../main/store/open';
import { LATEST_VERSION, MIGRATIONS } from '../../main/store/migrations/registry';
import { tempDir } from '../fixtures/factories';

describe('store migrations', () => {
  it('brings an empty database to the latest schema with the safety pragmas on', () => {
    const db = openStore({ dataDir: tempDir() });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('numbers migrations 1, 2, 3… without gaps so user_version always names one migration', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('refuses a database written by a newer version and leaves it untouched', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, DATABASE_FILE);
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    expect(() => openStore({ dataDir })).toThrow(/version plus récente/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    check.close();
  });

  it('backs the database up before migrating one that holds data, and keeps the rows', () => {
    const dataDir = tempDir();
    const db = openStore({ dataDir });
    db.prepare("INSERT INTO settings (key, value) VALUES ('locale', '\"en\"')").run();
    const next = {
      version: LATEST_VERSION + 1,
      name: 'test-extra',
      sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY);',
    };
    migrate(db, path.join(dataDir, DATABASE_FILE), () => new Date('2026-11-23T10:00:00Z'), {
      migrations: [...MIGRATIONS, next],
    });
    expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
    const backups = fs.readdirSync(path.join(dataDir, 'backups'));
    expect(backups).toEqual([`permanence-v${LATEST_VERSION}-2026-11-23T10-00-00-000Z.sqlite3`]);
    const backup = new Database(path.join(dataDir, 'backups', backups[0]!), { readonly: true });
    expect(backup.prepare('SELECT value FROM settings WHERE key = ?').get('locale')).toEqual({ value: '"en"' });
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    backup.close();
    db.close();
  });

  it('rolls a failing migration back entirely, leaving the previous version in place', () => {
    const dataDir = tempDir();
    const db = openStore({ dataDir });
    const broken = {
      version: LATEST_VERSION + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (id INTEGER); SELECT * FROM missing_table;',
    };
    expect(() =>
      migrate(db, path.join(dataDir, DATABASE_FILE), () => new Date(), { migrations: [...MIGRATIONS, broken] }),
    ).toThrow();
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('migration 0002-calls', () => {
  it('keeps firms and contacts written by schema 1 and lets calls reference them', () => {
    const dataDir = tempDir();
    const v1 = openStore({ dataDir, targetVersion: 1 });
    expect(schemaVersion(v1)).toBe(1);
    v1.prepare(
      `INSERT INTO firms (id, name, sector, color, greeting, weekly_hours, created_at, updated_at)
       VALUES ('f1', 'Cabinet Ancien', 'juridique', '#000000', 'Bonjour', '{}', 1, 1)`,
    ).run();
    v1.prepare(
      "INSERT INTO contacts (id, firm_id, name, created_at, updated_at) VALUES ('c1', 'f1', 'Client Fidèle', 1, 1)",
    ).run();
    v1.close();

    const v2 = openStore({ dataDir, targetVersion: 2 });
    expect(schemaVersion(v2)).toBe(2);
    expect(v2.prepare('SELECT name FROM firms').all()).toEqual([{ name: 'Cabinet Ancien' }]);
    v2.prepare("INSERT INTO calls (id, direction, firm_id, offered_at) VALUES ('k1', 'inbound', 'f1', 5)").run();
    expect(() =>
      v2.prepare("INSERT INTO calls (id, direction, firm_id, offered_at) VALUES ('k2', 'inbound', 'nope', 5)").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(fs.readdirSync(path.join(dataDir, 'backups'))).toHaveLength(1);
    v2.close();
  });
});

describe('migration 0005-message-entries', () => {
  it('keeps time entries and messages of schema 4 and links a message to its entry once', () => {
    const dataDir = tempDir();
    const v4 = openStore({ dataDir, targetVersion: 4 });
    v4.prepare(
      `INSERT INTO firms (id, name, sector, color, greeting, weekly_hours, created_at, updated_at)
       VALUES ('f1', 'Cabinet', 'juridique', '#000000', 'Bonjour', '{}', 1, 1)`,
    ).run();
    const entryColumns = (
      v4.prepare("SELECT name FROM pragma_table_info('time_entries')").all() as { name: string }[]
    ).map((c) => c.name);
    const messageColumns = (
      v4.prepare("SELECT name FROM pragma_table_info('messages')").all() as { name: string }[]
    ).map((c) => c.name);
    expect(entryColumns).toContain('task_type');
    expect(messageColumns).toContain('firm_id');
    v4.close();
    const v5 = openStore({ dataDir, targetVersion: 5 });
    expect(schemaVersion(v5)).toBe(5);
    expect(v5.prepare('SELECT name FROM firms').all()).toEqual([{ name: 'Cabinet' }]);
    expect(() =>
      v5.prepare("INSERT INTO message_time_entries (message_id, entry_id) VALUES ('nope', 'nope')").run(),
    ).toThrow(/FOREIGN KEY/);
    v5.close();
  });
});
