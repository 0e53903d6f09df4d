import { createAgendaSyncRepository } from '../../../../main/store/repositories/agenda-sync';
import { localOf, medicalFirm, paris } from './helpers';

describe('agenda: what the call desk and the screens read', () => {
  it('lists a day of one agenda or of the firm, with the practitioners’ own events', async () => {
    const t = await medicalFirm();
    const book = (agendaId: string, local: string, name: string) =>
      t.client.agenda.book({
        firmId: t.firmId,
        agendaId,
        motifId: 'consult',
        startsAt: paris(local),
        caller: { name },
      });
    await book('kerjean', '2026-12-07T09:00', 'Mme A');
    await book('morel', '2026-12-07T08:30', 'M. B');
    await book('kerjean', '2026-12-08T09:00', 'Mme C');
    t.db
      .prepare(
        `INSERT INTO agenda_busy_blocks (id, agenda_id, start_utc, end_utc, transparent, source_uid, updated_at)
       VALUES ('b1', 'kerjean', ?, ?, 0, 'reunion@cloud', 1)`,
      )
      .run(paris('2026-12-07T12:00'), paris('2026-12-07T14:00'));
    const firmDay = await t.client.agenda.list({ firmId: t.firmId, from: paris('2026-12-07T15:00') });
    expect(firmDay.appointments.map((a) => [a.agendaId, localOf(a.startsAt), a.callerName])).toEqual([
      ['morel', '2026-12-07T08:30', 'M. B'],
      ['kerjean', '2026-12-07T09:00', 'Mme A'],
    ]);
    expect(firmDay.busy).toMatchObject([{ agendaId: 'kerjean', sourceUid: 'reunion@cloud', transparent: false }]);
    const week = await t.client.agenda.list({
      firmId: t.firmId,
      agendaId: 'kerjean',
      from: paris('2026-12-07T00:00'),
      days: 7,
    });
    expect(week.appointments.map((a) => a.callerName)).toEqual(['Mme A', 'Mme C']);
    // The busy block stands in the finder's way too.
    const slots = await t.client.agenda.findSlots({
      firmId: t.firmId,
      motifId: 'consult',
      agendaIds: ['kerjean'],
      from: paris('2026-12-07T11:45'),
      limit: 2,
    });
    expect(slots.map((s) => localOf(s.startsAt))).toEqual(['2026-12-07T11:45', '2026-12-07T14:00']);
    t.close();
  });

  it('finds a caller’s appointments by number as typed, through the contact, or by name', async () => {
    const t = await medicalFirm();
    const booked = await t.client.agenda.book({
      firmId: t.firmId,
      agendaId: 'kerjean',
      motifId: 'consult',
      startsAt: paris('2026-12-09T10:00'),
      caller: { name: 'Mme Anne Le Goff', phone: '06 39 98 12 34' },
    });
    expect((await t.client.agenda.findForCaller({ query: '06 39 98 12 34' })).map((a) => a.id)).toEqual([booked.id]);
    expect((await t.client.agenda.findForCaller({ firmId: t.firmId, query: '+33639981234' })).map((a) => a.id)).toEqual(
      [booked.id],
    );
    expect((await t.client.agenda.findForCaller({ query: 'le goff' })).map((a) => a.id)).toEqual([booked.id]);
    expect(await t.client.agenda.findForCaller({ query: 'Dupont' })).toEqual([]);
    // Appointments older than 30 days are not offered for moving.
    t.setNow(paris('2027-01-20T08:00'));
    expect(await t.client.agenda.findForCaller({ query: 'le goff' })).toEqual([]);
    t.close();
  });

  it('says at ring time who is in consultation and until when, from the local store', async () => {
    const t = await medicalFirm();
    for (const local of ['2026-12-07T10:45', '2026-12-07T11:00', '2026-12-07T11:15']) {
      await t.client.agenda.book({
        firmId: t.firmId,
        agendaId: 'morel',
        motifId: 'consult',
        startsAt: paris(local),
        caller: { name: 'M. X' },
      });
    }
    t.setNow(paris('2026-12-07T10:50'));
    const now = await t.client.agenda.availability({ firmId: t.firmId });
    expect(
      now.map((line) => [line.agendaName, line.availability.state, line.availability.untilLocal, line.syncedAt]),
    ).toEqual([
      ['Dr Kerjean', 'free', '12:00', null],
      ['Dr Morel', 'busy', '11:30', null],
    ]);
    t.close();
  });

  it('gives the ring card the time of the last CalDAV sync of a synced agenda, and none for a local one', async () => {
    const t = await medicalFirm();
    const accounts = createAgendaSyncRepository(t.db);
    const synced = paris('2026-12-07T10:38');
    accounts.saveAccount(
      {
        agendaId: 'morel',
        serverUrl: 'https://cal.example.fr/',
        username: 'morel',
        calendarUrl: 'https://cal.example.fr/morel/cabinet/',
        calendarName: 'Cabinet',
        enabled: true,
      },
      synced,
    );
    accounts.setOutcome('morel', 'ok', synced);
    // Kerjean's account has no calendar chosen yet: nothing is read from it, so no age either.
    accounts.saveAccount(
      {
        agendaId: 'kerjean',
        serverUrl: 'https://cal.example.fr/',
        username: 'kerjean',
        calendarUrl: null,
        calendarName: '',
        enabled: true,
      },
      synced,
    );
    t.setNow(paris('2026-12-07T10:50'));
    const now = await t.client.agenda.availability({ firmId: t.firmId });
    expect(now.map((line) => [line.agendaName, line.syncedAt])).toEqual([
      ['Dr Kerjean', null],
      ['Dr Morel', synced],
    ]);
    t.close();
  });
});
