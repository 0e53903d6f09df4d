import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalDavError, connectCalDav, type CalDavConnection } from '../../../main/services/agenda/sync/caldav';
import { requireRadicale, startRadicale, type Radicale } from '../../support/radicale';

const event = (uid: string, start: string, summary = 'RDV') =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Permanence//test//FR',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART:${start}`,
    'DURATION:PT30M',
    `SUMMARY:${summary}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe.runIf(requireRadicale())('CalDAV client against a real Radicale', () => {
  let radicale: Radicale;
  let dav: CalDavConnection;
  let calendar: string;

  beforeAll(async () => {
    radicale = await startRadicale();
    calendar = radicale.makeCalendar('morel', 'cabinet', 'Cabinet Morel');
    radicale.makeCalendar('morel', 'perso', 'Personnel');
    dav = await connectCalDav({ serverUrl: radicale.url, username: 'morel', password: 'secret-morel' });
  });
  afterAll(async () => radicale?.stop());

  it('discovers the calendars of the account from the server URL', async () => {
    const calendars = await dav.discover();
    expect(calendars.map((c) => [c.displayName, c.url]).sort()).toEqual([
      ['Cabinet Morel', calendar],
      ['Personnel', radicale.calendarUrl('morel', 'perso')],
    ]);
    expect(calendars.every((c) => c.supportsSyncCollection)).toBe(true);
  });

  it('refuses a wrong password as an auth failure', async () => {
    const wrong = await connectCalDav({ serverUrl: radicale.url, username: 'morel', password: 'nope' });
    await expect(wrong.discover()).rejects.toMatchObject({ failure: 'auth' });
  });

  it('creates with If-None-Match: a second create on the same href is a 412, never an overwrite', async () => {
    const created = await dav.create(calendar, 'one.ics', event('one@permanence', '20260105T090000Z'));
    expect(created.etag).toMatch(/^".+"$/);
    await expect(
      dav.create(calendar, 'one.ics', event('one@permanence', '20260105T100000Z', 'Écrasé')),
    ).rejects.toMatchObject({
      failure: 'precondition',
      status: 412,
    });
    expect((await dav.get(created.href))!.data).not.toContain('Écrasé');
  });

  it('updates and deletes only with the etag read: a stale etag is a 412', async () => {
    const created = await dav.create(calendar, 'two.ics', event('two@permanence', '20260106T090000Z'));
    const moved = await dav.update(created.href, event('two@permanence', '20260106T100000Z'), created.etag!);
    await expect(
      dav.update(created.href, event('two@permanence', '20260106T110000Z'), created.etag!),
    ).rejects.toMatchObject({
      failure: 'precondition',
    });
    await expect(dav.remove(created.href, created.etag!)).rejects.toMatchObject({ failure: 'precondition' });
    await expect(dav.update(created.href, 'x', '')).rejects.toBeInstanceOf(CalDavError);
    await dav.remove(created.href, moved.etag!);
    expect(await dav.get(created.href)).toBeNull();
  });

  it('lists changes since a sync token, and says when the token is refused', async () => {
    const first = await dav.changesSince(calendar, null);
    const a = await dav.create(calendar, 'three.ics', event('three@permanence', '20260107T090000Z'));
    const one = first.changed.find((c) => c.href.endsWith('/one.ics'))!;
    await dav.remove(one.href, one.etag);
    const next = await dav.changesSince(calendar, first.token);
    expect(next.changed.map((c) => c.href)).toEqual([a.href]);
    expect(next.deleted).toEqual([one.href]);
    await expect(dav.changesSince(calendar, 'http://radicale.org/ns/sync/expired')).rejects.toMatchObject({
      failure: 'token_invalid',
    });
    const listed = await dav.listEtags(calendar);
    expect(listed).toContainEqual({ href: a.href, etag: a.etag });
    const [fetched] = await dav.fetchObjects(calendar, [a.href]);
    expect(fetched).toMatchObject({ href: a.href, etag: a.etag });
    expect(fetched!.data).toContain('UID:three@permanence');
  });

  it('follows a redirect to the same host with the credentials (iCloud partition redirect)', async () => {
    const proxy = http.createServer((req, res) => {
      res.writeHead(301, { location: `${radicale.url.replace(/\/$/, '')}${req.url}` });
      res.end();
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    try {
      const redirected = await connectCalDav({
        serverUrl: `http://127.0.0.1:${port}/`,
        username: 'morel',
        password: 'secret-morel',
      });
      const listed = await redirected.listEtags(`http://127.0.0.1:${port}/morel/cabinet/`);
      expect(listed.length).toBeGreaterThan(0);
    } finally {
      proxy.close();
    }
  });

  it('reports a server that is down as a network failure (worth retrying)', async () => {
    const down = await connectCalDav({ serverUrl: 'http://127.0.0.1:9/', username: 'morel', password: 'x' });
    const error = await down.listEtags('http://127.0.0.1:9/morel/cabinet/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CalDavError);
    expect((error as CalDavError).transient).toBe(true);
  });
});
