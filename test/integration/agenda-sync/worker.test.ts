import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCalDav } from '../../../main/services/agenda/sync/caldav';
import { createSyncWorker, type SyncWorker } from '../../../main/services/agenda/sync/worker/client';
import type { PullResult } from '../../../main/services/agenda/sync/worker/messages';
import { waitUntil } from '../../lab/proc';
import { vcalendar, vevent } from '../../support/caldav-seed';
import { requireRadicale, startRadicale, type Radicale } from '../../support/radicale';

const PARIS = 'Europe/Paris';
const hhmm = (ms: number) => DateTime.fromMillis(ms, { zone: PARIS }).toFormat('yyyy-MM-dd HH:mm');
const WINDOW = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2027, 0, 1) };

function occurrencesOf(result: PullResult, uid: string): Array<[string, boolean]> {
  const index = result.objects.findIndex((o) => o.uid === uid);
  const found: Array<[string, boolean]> = [];
  const c = result.occurrences;
  for (let i = 0; i < c.count; i += 1)
    if (c.object[i] === index) found.push([hhmm(c.start[i]!), c.transparent[i] === 1]);
  return found.sort();
}

describe.runIf(requireRadicale())('agenda sync worker against a real Radicale', () => {
  let radicale: Radicale;
  let worker: SyncWorker;
  let calendarUrl: string;
  const account = () => ({ serverUrl: radicale.url, username: 'morel', password: 'secret-morel' });

  beforeAll(async () => {
    radicale = await startRadicale();
    calendarUrl = radicale.makeCalendar('morel', 'cabinet');
    radicale.seed('morel', 'cabinet', [
      {
        name: 'series.ics',
        ics: vcalendar(
          // Mondays 14:00 over the March change, one EXDATE, one moved, one cancelled occurrence.
          vevent({
            uid: 'series@example.org',
            start: '2026-03-02T14:00',
            end: '2026-03-02T15:00',
            rrule: 'FREQ=WEEKLY;COUNT=6',
            exdates: ['2026-03-09T14:00'],
          }),
          vevent({
            uid: 'series@example.org',
            recurrenceId: '2026-03-16T14:00',
            start: '2026-03-17T16:00',
            end: '2026-03-17T17:00',
          }),
          vevent({
            uid: 'series@example.org',
            recurrenceId: '2026-03-23T14:00',
            start: '2026-03-23T14:00',
            end: '2026-03-23T15:00',
            cancelled: true,
          }),
        ),
      },
      {
        name: 'free.ics',
        ics: vcalendar(
          vevent({ uid: 'free@example.org', start: '2026-10-26T12:00', end: '2026-10-26T13:00', transparent: true }),
        ),
      },
      {
        name: 'gone.ics',
        ics: vcalendar(
          vevent({ uid: 'gone@example.org', start: '2026-10-26T09:00', end: '2026-10-26T10:00', cancelled: true }),
        ),
      },
      {
        name: 'ours.ics',
        ics: vcalendar(
          vevent({
            uid: 'a1@permanence',
            start: '2026-10-27T09:00',
            end: '2026-10-27T09:30',
            extra: ['X-PERMANENCE-REV:3'],
          }),
        ),
      },
    ]);
    worker = createSyncWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await radicale?.stop();
  });

  it('reads and expands the calendar in the worker: series, EXDATE, overrides, free and cancelled events, our own', async () => {
    const first = await worker.pull({
      account: account(),
      calendarUrl,
      token: null,
      known: { hrefs: [], etags: [] },
      window: WINDOW,
      firmZone: PARIS,
    });
    expect(first).toMatchObject({ fullCompare: true, tokenRefused: false, listed: 4, deleted: [] });
    expect(first.token).toMatch(/^http/);
    expect(occurrencesOf(first, 'series@example.org')).toEqual([
      ['2026-03-02 14:00', false],
      ['2026-03-17 16:00', false],
      ['2026-03-30 14:00', false],
      ['2026-04-06 14:00', false],
    ]);
    expect(occurrencesOf(first, 'free@example.org')).toEqual([['2026-10-26 12:00', true]]);
    expect(occurrencesOf(first, 'gone@example.org')).toEqual([]);
    const ours = first.objects.find((o) => o.uid === 'a1@permanence')!;
    expect(ours.own).toMatchObject({ cancelled: false, revision: '3' });
    expect(hhmm(ours.own!.start)).toBe('2026-10-27 09:00');
    expect(occurrencesOf(first, 'a1@permanence')).toEqual([['2026-10-27 09:00', false]]);
    const series = first.objects.find((o) => o.uid === 'series@example.org')!;
    expect(series.minimised).toContain('RRULE:FREQ=WEEKLY;COUNT=6');
    expect(series.minimised).not.toContain('SUMMARY');

    // Changes since the token: one moved through the server, one deleted.
    const dav = await connectCalDav(account());
    const free = first.objects.find((o) => o.uid === 'free@example.org')!;
    await dav.update(
      free.href,
      vcalendar(vevent({ uid: 'free@example.org', start: '2026-10-26T15:00', end: '2026-10-26T16:00' })),
      free.etag,
    );
    const gone = first.objects.find((o) => o.uid === 'gone@example.org')!;
    await dav.remove(gone.href, gone.etag);
    const known = { hrefs: first.objects.map((o) => o.href), etags: first.objects.map((o) => o.etag) };
    const next = await worker.pull({
      account: account(),
      calendarUrl,
      token: first.token,
      known,
      window: WINDOW,
      firmZone: PARIS,
    });
    expect(next).toMatchObject({ fullCompare: false, deleted: [gone.href] });
    expect(next.objects.map((o) => o.uid)).toEqual(['free@example.org']);
    expect(occurrencesOf(next, 'free@example.org')).toEqual([['2026-10-26 15:00', false]]);

    // A refused token: every etag compared, nothing unchanged fetched again.
    const refused = await worker.pull({
      account: account(),
      calendarUrl,
      token: 'http://radicale.org/ns/sync/expired',
      known: {
        hrefs: known.hrefs.filter((h) => h !== gone.href),
        etags: known.etags.filter((_, i) => known.hrefs[i] !== gone.href),
      },
      window: WINDOW,
      firmZone: PARIS,
    });
    expect(refused).toMatchObject({ fullCompare: true, tokenRefused: true, listed: 3, deleted: [] });
    expect(refused.objects.map((o) => o.uid)).toEqual(['free@example.org']);
  });

  it('holds at a checkpoint while a call is on and goes on when it ends', async () => {
    worker.pause(true);
    let settled = false;
    const pulling = worker
      .pull({
        account: account(),
        calendarUrl,
        token: null,
        known: { hrefs: [], etags: [] },
        window: WINDOW,
        firmZone: PARIS,
      })
      .finally(() => (settled = true));
    await waitUntil('the worker holding at a checkpoint', () => worker.holding, 30_000);
    expect(settled).toBe(false);
    worker.pause(false);
    expect((await pulling).listed).toBe(3);
  });

  it('reports a server that is down as a transient CalDAV failure', async () => {
    await expect(
      worker.pull({
        account: { ...account(), serverUrl: 'http://127.0.0.1:9/' },
        calendarUrl: 'http://127.0.0.1:9/morel/cabinet/',
        token: null,
        known: { hrefs: [], etags: [] },
        window: WINDOW,
        firmZone: PARIS,
      }),
    ).rejects.toMatchObject({ failure: 'network' });
  });
});
