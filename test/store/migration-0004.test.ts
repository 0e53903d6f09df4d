import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0004 (timesheets)', () => {
  it('adds the timesheet tables to a database holding firms and calls, keeping their rows', () => {
    const dataDir = tempDir();
    const v3 = openStore({ dataDir, targetVersion: 3 });
    expect(schemaVersion(v3)).toBe(3);
    v3.prepare(
      `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
       VALUES ('f1', 1, 'Cabinet Martin', 'juridique', '#224488', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
    ).run();
    v3.prepare(
      `INSERT INTO calls (id, direction, firm_id, offered_at, answered_at, ended_at, outcome) VALUES ('c1', 'inbound', 'f1', 1000, 2000, 62000, 'answered')`,
    ).run();
    v3.close();

    const v4 = openStore({ dataDir, targetVersion: 4 });
    expect(schemaVersion(v4)).toBe(4);
    expect(v4.prepare('SELECT name, billing FROM firms').get()).toEqual({ name: 'Cabinet Martin', billing: '{}' });
    const insert = v4.prepare(
      `INSERT INTO time_entries (id, firm_id, source, call_id, task_type, started_at, duration_seconds, created_at, updated_at)
       VALUES (?, 'f1', ?, ?, 'call', 2000, 60, 1, 1)`,
    );
    insert.run('e1', 'call', 'c1');
    expect(() => insert.run('e2', 'call', 'c1')).toThrow(/UNIQUE/);
    expect(() => insert.run('e3', 'bogus', null)).toThrow(/CHECK/);
    insert.run('e4', 'manual', null);
    insert.run('e5', 'manual', null);
    expect(v4.prepare('SELECT count(*) AS n FROM time_entries').get()).toEqual({ n: 3 });

    const timer = v4.prepare(
      "INSERT INTO running_timer (id, firm_id, task_type, started_at) VALUES (?, 'f1', 'mail', 1)",
    );
    timer.run(1);
    expect(() => timer.run(2)).toThrow(/CHECK/);

    const lock = v4.prepare(
      "INSERT INTO month_locks (firm_id, month, locked_at, locked_by) VALUES (?, '2026-11', 1, 'Julie')",
    );
    lock.run(null);
    expect(() => lock.run(null)).toThrow(/UNIQUE/);
    lock.run('f1');
    expect(() => lock.run('f1')).toThrow(/UNIQUE/);
    v4.close();
  });
});
