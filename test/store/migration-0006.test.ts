import { openStore, schemaVersion } from '../../main/store/open';
import { tempDir } from '../fixtures/factories';

describe('migration 0006 (demo mark on time entries)', () => {
  it('marks the work of demo calls, of outgoing calls dialled on the demo line and of their messages, and nothing else', () => {
    const dataDir = tempDir();
    const v5 = openStore({ dataDir, targetVersion: 5 });
    v5.prepare(
      `INSERT INTO firms (id, revision, name, sector, color, greeting, time_zone, weekly_hours, billing, created_at, updated_at)
       VALUES ('f1', 1, 'Cabinet Martin', 'juridique', '#224488', 'Bonjour', 'Europe/Paris', '{}', '{}', 1, 1)`,
    ).run();
    const call = v5.prepare(
      `INSERT INTO calls (id, direction, firm_id, sip_call_id, demo, offered_at, answered_at, ended_at, outcome)
       VALUES (?, ?, 'f1', ?, ?, 1000, 2000, 62000, 'answered')`,
    );
    call.run('real', 'inbound', 'a84f2c@pbx.example', 0);
    call.run('simulated', 'inbound', 'demo-k2j4', 1);
    call.run('dialled-on-demo-line', 'outbound', 'demo-x9z1', 0);
    const entry = v5.prepare(
      `INSERT INTO time_entries (id, firm_id, source, call_id, task_type, started_at, duration_seconds, label, created_at, updated_at)
       VALUES (?, 'f1', ?, ?, ?, 2000, 60, ?, 1, 1)`,
    );
    entry.run('e-real', 'call', 'real', 'call', 'Marc Delorme');
    entry.run('e-simulated', 'call', 'simulated', 'call', 'Appel de démonstration');
    entry.run('e-dialled', 'call', 'dialled-on-demo-line', 'outgoing-call', '+33639980142');
    entry.run('e-manual', 'manual', null, 'mail', 'Courrier');
    entry.run('e-demo-message', 'manual', null, 'message', 'Message — Marc Delorme');
    entry.run('e-real-message', 'manual', null, 'message', 'Message — Jeanne Roux');
    const message = v5.prepare(
      `INSERT INTO messages (id, firm_id, call_id, status, caller_name, created_at, updated_at)
       VALUES (?, 'f1', ?, 'transmis', ?, 3000, 3000)`,
    );
    message.run('m-demo', 'simulated', 'Marc Delorme');
    message.run('m-real', 'real', 'Jeanne Roux');
    const link = v5.prepare('INSERT INTO message_time_entries (message_id, entry_id) VALUES (?, ?)');
    link.run('m-demo', 'e-demo-message');
    link.run('m-real', 'e-real-message');
    v5.close();

    const v6 = openStore({ dataDir, targetVersion: 6 });
    expect(schemaVersion(v6)).toBe(6);
    expect(v6.prepare('SELECT id, demo FROM calls ORDER BY id').all()).toEqual([
      { id: 'dialled-on-demo-line', demo: 1 },
      { id: 'real', demo: 0 },
      { id: 'simulated', demo: 1 },
    ]);
    expect(v6.prepare('SELECT id, demo, label FROM time_entries ORDER BY id').all()).toEqual([
      { id: 'e-demo-message', demo: 1, label: 'Message — Marc Delorme' },
      { id: 'e-dialled', demo: 1, label: '+33639980142' },
      { id: 'e-manual', demo: 0, label: 'Courrier' },
      { id: 'e-real', demo: 0, label: 'Marc Delorme' },
      { id: 'e-real-message', demo: 0, label: 'Message — Jeanne Roux' },
      { id: 'e-simulated', demo: 1, label: 'Appel de démonstration' },
    ]);
    v6.close();
  });
});
