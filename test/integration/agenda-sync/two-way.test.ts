import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vcalendar, vevent } from '../../support/caldav-seed';
import { requireRadicale, startRadicale, type Radicale } from '../../support/radicale';
import { localOf, openSyncContext, paris, type SyncContext } from './context';

/**
 * Two-way sync against a real Radicale: her bookings, moves and cancellations reach the practitioner's calendar;
 * the practitioner's moves come back; her own events become busy blocks. Run under TZ=UTC (CI) and
 * TZ=Europe/Paris (a French desk): the instants must not depend on the process zone.
 */
const originalTz = process.env.TZ;

describe.runIf(requireRadicale())('agenda CalDAV sync, both ways', () => {
  let radicale: Radicale;
  beforeAll(async () => {
    radicale = await startRadicale();
  });
  afterAll(async () => {
    process.env.TZ = originalTz;
    await radicale?.stop();
  });

  it('expands her open-ended series again as the window moves, without the network', async () => {
    const t: SyncContext = await openSyncContext(radicale, { calendar: 'window', start: '2026-03-02T08:00' });
    try {
      radicale.seed('morel', 'window', [
        {
          name: 'weekly.ics',
          ics: vcalendar(
            vevent({
              uid: 'staff@example.org',
              start: '2026-03-02T13:00',
              end: '2026-03-02T14:00',
              rrule: 'FREQ=WEEKLY',
            }),
          ),
        },
      ]);
      const sync = t.services.agendaSync;
      await sync.engine.pull(t.agendaId);
      const span = () => {
        const row = t.db
          .prepare(
            'SELECT min(start_utc) AS first, max(start_utc) AS last, count(*) AS n FROM agenda_busy_blocks WHERE agenda_id = ?',
          )
          .get(t.agendaId) as { first: number; last: number; n: number };
        return { first: localOf(row.first), last: localOf(row.last), n: row.n };
      };
      expect(span()).toEqual({ first: '2026-03-02T13:00', last: '2027-04-05T13:00', n: 58 });
      // Two months later the token says nothing changed, yet the window moved: the stored series is expanded again.
      t.clock.now = paris('2026-05-04T08:00');
      const result = await sync.engine.pull(t.agendaId);
      expect(result).toMatchObject({ fullCompare: false, objects: [] });
      expect(span()).toEqual({ first: '2026-04-27T13:00', last: '2027-06-07T13:00', n: 59 });
    } finally {
      await t.close();
    }
  });

  for (const tz of ['UTC', 'Europe/Paris']) {
    it(`books, moves and cancels in her calendar and reads her moves and events back (TZ=${tz})`, async () => {
      process.env.TZ = tz;
      const t: SyncContext = await openSyncContext(radicale, { calendar: `cabinet-${tz.replace('/', '-')}` });
      try {
        const sync = t.services.agendaSync;
        const id = t.book('2026-03-30T09:00'); // the Monday after the March change
        const appointment = t.services.agenda.appointments.get(id)!;
        expect(sync.states([id])).toEqual({ [id]: 'pending' });
        await sync.engine.push();
        let stored = await t.onServer(appointment.uid);
        expect(stored).toHaveLength(1);
        expect(stored[0]!.href).not.toContain(appointment.uid); // the name is ours to choose, never the UID
        expect(stored[0]!.data).toContain('DTSTART;TZID=Europe/Paris:20260330T090000');
        expect(stored[0]!.data).toContain('SUMMARY:Consultation — Jeanne Petit');
        expect(sync.states([id])).toEqual({ [id]: 'synced' });

        // Moved here: the same object is rewritten (If-Match), never a second one.
        t.services.agenda.booking.move({ id, startsAt: paris('2026-03-30T10:30'), force: { reason: 'test' } });
        await sync.engine.push();
        stored = await t.onServer(appointment.uid);
        expect(stored).toHaveLength(1);
        expect(stored[0]!.data).toContain('DTSTART;TZID=Europe/Paris:20260330T103000');

        // Moved by the practitioner in her calendar: read back, and nothing queued in return.
        await t.practitioner.update(
          stored[0]!.href,
          stored[0]!.data.replace('20260330T103000', '20260330T113000').replace('20260330T110000', '20260330T120000'),
          stored[0]!.etag,
        );
        t.clock.now += 60_000;
        await sync.engine.pull(t.agendaId);
        const moved = t.services.agenda.appointments.get(id)!;
        expect([localOf(moved.startsAt), localOf(moved.endsAt), moved.status, moved.updatedBy]).toEqual([
          '2026-03-30T11:30',
          '2026-03-30T12:00',
          'moved',
          'caldav',
        ]);
        expect(sync.get(t.agendaId)).toMatchObject({ pending: 0, status: 'ok', issues: 0 });

        // Her own events: busy, free (TRANSP:TRANSPARENT) or ignored (STATUS:CANCELLED), in UTC.
        radicale.seed('morel', `cabinet-${tz.replace('/', '-')}`, [
          {
            name: 'x1.ics',
            ics: vcalendar(vevent({ uid: 'busy@example.org', start: '2026-10-26T09:00', end: '2026-10-26T10:00' })),
          },
          {
            name: 'x2.ics',
            ics: vcalendar(
              vevent({
                uid: 'free@example.org',
                start: '2026-10-26T12:00',
                end: '2026-10-26T13:00',
                transparent: true,
              }),
            ),
          },
          {
            name: 'x3.ics',
            ics: vcalendar(
              vevent({ uid: 'off@example.org', start: '2026-10-26T15:00', end: '2026-10-26T16:00', cancelled: true }),
            ),
          },
        ]);
        await sync.engine.pull(t.agendaId);
        const blocks = t.services.agenda.appointments.busyBlocks(
          t.agendaId,
          paris('2026-10-26T00:00'),
          paris('2026-10-27T00:00'),
        );
        expect(blocks.map((b) => [b.sourceUid, localOf(b.startsAt), localOf(b.endsAt), b.transparent]).sort()).toEqual([
          ['busy@example.org', '2026-10-26T09:00', '2026-10-26T10:00', false],
          ['free@example.org', '2026-10-26T12:00', '2026-10-26T13:00', true],
        ]);
        expect(blocks.find((b) => b.sourceUid === 'busy@example.org')!.startsAt).toBe(Date.UTC(2026, 9, 26, 8, 0));

        // Cancelled here: deleted from her calendar with its etag.
        t.services.agenda.booking.setStatus(id, 'cancelled');
        await sync.engine.push();
        expect(await t.onServer(appointment.uid)).toHaveLength(0);
        expect(sync.get(t.agendaId)).toMatchObject({ pending: 0, issues: 0 });
      } finally {
        await t.close();
      }
    });
  }
});
