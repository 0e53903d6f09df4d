import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../../lab/proc';
import { seedObjects } from '../../support/caldav-seed';
import { requireRadicale, startRadicale, type Radicale } from '../../support/radicale';
import { openSyncContext, type SyncContext } from './context';

/** Offline, crashes and a server that lies: nothing lost, nothing written twice, nothing believed blindly. */
describe.runIf(requireRadicale())('agenda CalDAV sync, offline and crashes', () => {
  let radicale: Radicale;
  let n = 0;
  const next = () => `resilience-${(n += 1)}`;
  beforeAll(async () => {
    radicale = await startRadicale();
  });
  afterAll(async () => radicale?.stop());

  const busyCount = (t: SyncContext) =>
    (t.db.prepare('SELECT count(*) AS n FROM agenda_busy_blocks WHERE agenda_id = ?').get(t.agendaId) as { n: number })
      .n;
  const doubled = (t: SyncContext) =>
    t.db
      .prepare(
        `SELECT source_uid, start_utc FROM agenda_busy_blocks WHERE agenda_id = ?
         GROUP BY source_uid, start_utc HAVING count(*) > 1`,
      )
      .all(t.agendaId);

  it('queues bookings while the server is down, across a restart, and delivers each exactly once', async () => {
    const t = await openSyncContext(radicale, { calendar: next() });
    try {
      await radicale.kill();
      const ids = [t.book('2026-03-03T09:00'), t.book('2026-03-03T10:00', 'Paul Martin')];
      t.services.agenda.booking.move({
        id: ids[0]!,
        startsAt: Date.parse('2026-03-03T10:30:00+01:00'),
        force: { reason: 'test' },
      });
      await t.services.agendaSync.engine.push();
      expect(t.services.agendaSync.states(ids)).toEqual({ [ids[0]!]: 'pending', [ids[1]!]: 'pending' });
      // Not due before its backoff (5 s doubling, at most 5 min).
      await t.services.agendaSync.engine.push();
      await t.reopen(); // the app quits and starts again, still offline
      t.clock.now += 6_000;
      await t.services.agendaSync.engine.push();
      expect(t.services.agendaSync.get(t.agendaId)!.pending).toBeGreaterThan(0);
      await radicale.restart();
      t.clock.now += 5 * 60_000;
      await t.services.agendaSync.engine.push();
      for (const id of ids) {
        const uid = t.services.agenda.appointments.get(id)!.uid;
        expect(await t.onServer(uid)).toHaveLength(1);
      }
      const [moved] = await t.onServer(t.services.agenda.appointments.get(ids[0]!)!.uid);
      expect(moved!.data).toContain('DTSTART;TZID=Europe/Paris:20260303T103000');
      expect(t.services.agendaSync.get(t.agendaId)).toMatchObject({ pending: 0, issues: 0 });
    } finally {
      await t.close();
    }
  });

  it('a kill -9 of the server in the middle of the replay loses and doubles nothing', async () => {
    const t = await openSyncContext(radicale, { calendar: next() });
    try {
      const ids = Array.from({ length: 12 }, (_, i) =>
        t.book(`2026-03-04T${String(8 + (i % 10)).padStart(2, '0')}:${i < 10 ? '00' : '30'}`),
      );
      let sent = 0;
      const emit = t.events.push.bind(t.events);
      t.events.push = (...items) => {
        for (const item of items) if (item.name === 'caldav:changed' && (sent += 1) === 5) void radicale.kill();
        return emit(...items);
      };
      await t.services.agendaSync.engine.push();
      expect(t.services.agendaSync.get(t.agendaId)!.pending).toBeGreaterThan(0);
      await radicale.restart();
      t.clock.now += 5 * 60_000;
      await t.services.agendaSync.engine.push();
      for (const id of ids) expect(await t.onServer(t.services.agenda.appointments.get(id)!.uid)).toHaveLength(1);
      expect(t.services.agendaSync.states(ids)).toEqual(Object.fromEntries(ids.map((id) => [id, 'synced'])));
    } finally {
      await t.close();
    }
  });

  it('recognises its own create after dying between the PUT and recording it: no second object', async () => {
    const t = await openSyncContext(radicale, { calendar: next() });
    try {
      const id = t.book('2026-03-05T09:00');
      await t.services.agendaSync.engine.push();
      // What the store holds when the app dies after the server accepted the PUT: href known, no etag, row sending.
      t.db.prepare("UPDATE agenda_caldav_links SET etag = NULL, state = 'pending' WHERE id = ?").run(id);
      t.db.prepare("UPDATE agenda_caldav_queue SET state = 'sending', done_at = NULL WHERE appointment_id = ?").run(id);
      await t.reopen();
      await t.services.agendaSync.engine.push();
      expect(await t.onServer(t.services.agenda.appointments.get(id)!.uid)).toHaveLength(1);
      expect(t.services.agendaSync.states([id])).toEqual({ [id]: 'synced' });
    } finally {
      await t.close();
    }
  });

  it('a kill -9 of the server during a 500-object read (a call ringing meanwhile) stores nothing half, then everything once', async () => {
    const calendar = next();
    const t = await openSyncContext(radicale, { calendar, start: '2026-01-01T08:00' });
    try {
      radicale.seed('morel', calendar, seedObjects(500, '2026-01-05', 40));
      await radicale.prime('morel', calendar);
      const sync = t.services.agendaSync;
      const pulling = sync.engine.pull(t.agendaId);
      // A call rings: the worker holds at its next checkpoint; the server dies; the call ends.
      t.db.prepare(`INSERT INTO calls (id, direction, offered_at) VALUES ('ring-1', 'inbound', ?)`).run(t.clock.now);
      await waitUntil('the sync worker holding during the call', () => sync.engine.worker.holding, 30_000);
      await radicale.kill();
      t.db.prepare('UPDATE calls SET ended_at = ? WHERE id = ?').run(t.clock.now, 'ring-1');
      await pulling;
      const interrupted = sync.get(t.agendaId)!;
      if (interrupted.status === 'error') {
        expect(interrupted.errorCode).toBe('network');
        expect(busyCount(t)).toBe(0); // nothing applied from a read that did not finish
      }
      await radicale.restart();
      t.clock.now += 60_000;
      await sync.engine.pull(t.agendaId);
      expect(sync.get(t.agendaId)).toMatchObject({ status: 'ok', errorCode: null });
      const objects = t.db
        .prepare('SELECT count(*) AS n FROM agenda_caldav_objects WHERE agenda_id = ?')
        .get(t.agendaId) as { n: number };
      expect(objects.n).toBe(500);
      // 450 single events + 50 series of 40 weeks less one EXDATE (the moved one is its own occurrence).
      expect(busyCount(t)).toBe(450 + 50 * 40 - 50);
      expect(doubled(t)).toEqual([]);

      // An expired token: every etag compared, nothing fetched twice or doubled.
      t.db
        .prepare("UPDATE agenda_caldav_accounts SET sync_token = 'http://radicale.org/ns/sync/expired' WHERE id = ?")
        .run(t.agendaId);
      const refused = await sync.engine.pull(t.agendaId);
      expect(refused).toMatchObject({ tokenRefused: true, fullCompare: true, listed: 500, objects: [] });
      expect(doubled(t)).toEqual([]);
    } finally {
      await t.close();
    }
  }, 240_000);

  it('stops and asks when the server suddenly looks empty, and applies it only once she confirms', async () => {
    const calendar = next();
    const t = await openSyncContext(radicale, { calendar });
    try {
      radicale.seed('morel', calendar, seedObjects(20));
      const sync = t.services.agendaSync;
      await sync.engine.pull(t.agendaId);
      const before = busyCount(t);
      expect(before).toBeGreaterThan(20);
      const folder = path.join(radicale.storageDir, 'collection-root', 'morel', calendar);
      for (const file of fs.readdirSync(folder)) if (file.endsWith('.ics')) fs.rmSync(path.join(folder, file));
      t.db.prepare('UPDATE agenda_caldav_accounts SET sync_token = NULL WHERE id = ?').run(t.agendaId);
      t.clock.now += 60_000;
      await sync.engine.pull(t.agendaId);
      expect(sync.get(t.agendaId)).toMatchObject({ status: 'server_empty', errorCode: 'server_empty' });
      expect(busyCount(t)).toBe(before); // her busy blocks stay until she says the calendar really is empty
      await sync.confirmEmpty(t.agendaId);
      expect(sync.get(t.agendaId)).toMatchObject({ status: 'ok' });
      expect(busyCount(t)).toBe(0);
    } finally {
      await t.close();
    }
  });
});
