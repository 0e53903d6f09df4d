import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireRadicale, startRadicale, type Radicale } from '../../support/radicale';
import { localOf, openSyncContext, paris, type SyncContext } from './context';

/** Both sides changed the same appointment, or the practitioner deleted it: never overwritten, never dropped. */
describe.runIf(requireRadicale())('agenda CalDAV sync, conflicts and deletions on the server', () => {
  let radicale: Radicale;
  let t: SyncContext;
  let n = 0;
  beforeAll(async () => {
    radicale = await startRadicale();
  });
  afterAll(async () => radicale?.stop());
  beforeEach(async () => {
    t = await openSyncContext(radicale, { calendar: `conflicts-${(n += 1)}` });
  });
  afterEach(async () => t?.close());

  async function bookedAndSent(local: string) {
    const id = t.book(local);
    await t.services.agendaSync.engine.push();
    const uid = t.services.agenda.appointments.get(id)!.uid;
    const [object] = await t.onServer(uid);
    return { id, uid, object: object! };
  }

  it('turns a concurrent edit into a 412 conflict: the server copy is kept, the slot checked, and her choice applied', async () => {
    const sync = t.services.agendaSync;
    const { id, uid, object } = await bookedAndSent('2026-03-10T09:00');
    // The practitioner moves it to 10:00 in her calendar; the secretary, not yet synced, moves it to 11:00.
    await t.practitioner.update(
      object.href,
      object.data.replace('20260310T090000', '20260310T100000').replace('20260310T093000', '20260310T103000'),
      object.etag,
    );
    t.services.agenda.booking.move({ id, startsAt: paris('2026-03-10T11:00'), force: { reason: 'test' } });
    await sync.engine.push();
    const [kept] = await t.onServer(uid);
    expect(kept!.data).toContain('DTSTART;TZID=Europe/Paris:20260310T100000'); // 0 silent overwrite
    expect(sync.states([id])).toEqual({ [id]: 'conflict' });
    const [issue] = sync.issues(t.firmId);
    expect(issue).toMatchObject({ appointmentId: id, kind: 'conflict', server: { cancelled: false, slotFree: true } });
    expect(localOf(issue!.server!.startsAt)).toBe('2026-03-10T10:00');
    expect(sync.get(t.agendaId)).toMatchObject({ issues: 1 });

    // She keeps Permanence's version: written over the server copy with its etag (If-Match), still one object.
    sync.resolve(id, 'permanence');
    await sync.engine.push();
    const written = await t.onServer(uid);
    expect(written).toHaveLength(1);
    expect(written[0]!.data).toContain('DTSTART;TZID=Europe/Paris:20260310T110000');
    expect(sync.states([id])).toEqual({ [id]: 'synced' });

    // A second conflict, settled the other way: the server's times come here, nothing is sent back.
    await t.practitioner.update(
      written[0]!.href,
      written[0]!.data.replace('20260310T110000', '20260310T140000').replace('20260310T113000', '20260310T143000'),
      written[0]!.etag,
    );
    t.services.agenda.booking.move({ id, startsAt: paris('2026-03-10T15:00'), force: { reason: 'test' } });
    await sync.engine.push();
    expect(sync.states([id])).toEqual({ [id]: 'conflict' });
    sync.resolve(id, 'server');
    expect(localOf(t.services.agenda.appointments.get(id)!.startsAt)).toBe('2026-03-10T14:00');
    await sync.engine.push();
    const [after] = await t.onServer(uid);
    expect(after!.data).toContain('DTSTART;TZID=Europe/Paris:20260310T140000');
    expect(sync.get(t.agendaId)).toMatchObject({ pending: 0, issues: 0 });
  });

  it('says when the server’s version would overlap another appointment here', async () => {
    const sync = t.services.agendaSync;
    t.book('2026-03-11T10:00', 'Paul Martin');
    const { id, object } = await bookedAndSent('2026-03-11T09:00');
    await t.practitioner.update(
      object.href,
      object.data.replace('20260311T090000', '20260311T100000').replace('20260311T093000', '20260311T103000'),
      object.etag,
    );
    t.services.agenda.booking.move({ id, startsAt: paris('2026-03-11T11:00'), force: { reason: 'test' } });
    await sync.engine.push();
    expect(sync.issues(t.firmId)).toMatchObject([{ appointmentId: id, server: { slotFree: false } }]);
  });

  it('flags an appointment deleted on the server « annulé côté cabinet », keeps it, and re-creates it only when she says so', async () => {
    const sync = t.services.agendaSync;
    const { id, uid, object } = await bookedAndSent('2026-03-12T09:00');
    await t.practitioner.remove(object.href, object.etag);
    t.clock.now += 60_000;
    await sync.engine.pull(t.agendaId);
    expect(t.services.agenda.appointments.get(id)!.status).toBe('booked'); // never dropped
    expect(sync.issues(t.firmId)).toEqual([
      {
        appointmentId: id,
        agendaId: t.agendaId,
        kind: 'cancelled_remote',
        local: {
          startsAt: paris('2026-03-12T09:00'),
          endsAt: paris('2026-03-12T09:30'),
          callerName: 'Jeanne Petit',
          status: 'booked',
        },
        server: null,
      },
    ]);
    // A later change here does not silently re-create it.
    t.services.agenda.booking.move({ id, startsAt: paris('2026-03-12T10:00'), force: { reason: 'test' } });
    await sync.engine.push();
    expect(await t.onServer(uid)).toHaveLength(0);
    sync.resolve(id, 'permanence');
    await sync.engine.push();
    const recreated = await t.onServer(uid);
    expect(recreated).toHaveLength(1);
    expect(recreated[0]!.data).toContain('DTSTART;TZID=Europe/Paris:20260312T100000');
    expect(sync.issues(t.firmId)).toEqual([]);
  });

  it('accepting the server’s deletion cancels the appointment here without writing anything', async () => {
    const sync = t.services.agendaSync;
    const { id, object, uid } = await bookedAndSent('2026-03-13T09:00');
    await t.practitioner.remove(object.href, object.etag);
    await sync.engine.pull(t.agendaId);
    sync.resolve(id, 'server');
    expect(t.services.agenda.appointments.get(id)!.status).toBe('cancelled');
    await sync.engine.push();
    expect(await t.onServer(uid)).toHaveLength(0);
    expect(sync.get(t.agendaId)).toMatchObject({ pending: 0, issues: 0 });
  });
});
