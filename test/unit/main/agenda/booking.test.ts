import { PermanenceError } from '../../../../shared/api';
import { localOf, medicalFirm, paris } from './helpers';

const caller = { name: 'Mme Anne Le Goff', phone: '06 39 98 12 34' };

describe('agenda: booking, moving and cancelling', () => {
  it('books a free slot at once: a uid @permanence, the caller made a contact, an agenda:changed event', async () => {
    const t = await medicalFirm();
    const [slot] = await t.client.agenda.findSlots({ firmId: t.firmId, motifId: 'consult', agendaIds: ['kerjean'] });
    const booked = await t.client.agenda.book({
      firmId: t.firmId,
      agendaId: 'kerjean',
      motifId: 'consult',
      startsAt: slot!.startsAt,
      caller,
      newCaller: true,
    });
    expect(booked).toMatchObject({
      status: 'booked',
      timeZone: 'Europe/Paris',
      callerName: 'Mme Anne Le Goff',
      callerPhone: '+33639981234',
      newCaller: true,
    });
    expect(booked.uid).toBe(`${booked.id}@permanence`);
    expect(localOf(booked.startsAt)).toBe('2026-12-07T09:00');
    expect(localOf(booked.endsAt)).toBe('2026-12-07T09:15');
    const contact = t.services.ctx.repos.contacts.get(t.firmId, booked.contactId!);
    expect(contact).toMatchObject({ name: 'Mme Anne Le Goff', phones: ['+33639981234'] });
    expect(t.events).toContainEqual({ name: 'agenda:changed', payload: { firmId: t.firmId, ids: [booked.id] } });
    // A second booking with the same number links the same contact.
    const again = await t.client.agenda.book({
      firmId: t.firmId,
      agendaId: 'morel',
      motifId: 'consult',
      startsAt: paris('2026-12-07T10:00'),
      caller: { phone: '+33639981234' },
    });
    expect(again.contactId).toBe(booked.contactId);
    expect(again.callerName).toBe('Mme Anne Le Goff');
    t.close();
  });

  it('refuses an overlap with a code and an i18n key, and books it when forced with a reason (audited)', async () => {
    const t = await medicalFirm();
    const at = paris('2026-12-07T09:00');
    await t.client.agenda.book({ firmId: t.firmId, agendaId: 'kerjean', motifId: 'consult', startsAt: at, caller });
    const refused = await t.client.agenda
      .book({ firmId: t.firmId, agendaId: 'kerjean', motifId: 'consult', startsAt: paris('2026-12-07T09:10'), caller })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanenceError);
    expect(refused).toMatchObject({
      code: 'CONFLICT',
      text: { key: 'agendaErrors.overlap', values: { agenda: 'Dr Kerjean', motif: 'Consultation' } },
    });
    expect((refused as Error).message).toBe('Ce créneau chevauche un autre rendez-vous ou un événement de Dr Kerjean.');
    const outside = await t.client.agenda
      .book({ firmId: t.firmId, agendaId: 'kerjean', motifId: 'consult', startsAt: paris('2026-12-07T12:50'), caller })
      .catch((e: unknown) => e);
    expect(outside).toMatchObject({ code: 'CONFLICT', text: { key: 'agendaErrors.outsideHours' } });
    const newPatient = await t.client.agenda
      .book({
        firmId: t.firmId,
        agendaId: 'kerjean',
        motifId: 'suivi',
        startsAt: paris('2026-12-07T10:00'),
        caller,
        newCaller: true,
      })
      .catch((e: unknown) => e);
    expect(newPatient).toMatchObject({ code: 'CONFLICT', text: { key: 'agendaErrors.newCaller' } });
    const notOffered = await t.client.agenda
      .book({ firmId: t.firmId, agendaId: 'morel', motifId: 'suivi', startsAt: paris('2026-12-07T10:00'), caller })
      .catch((e: unknown) => e);
    expect(notOffered).toMatchObject({ code: 'VALIDATION', text: { key: 'agendaErrors.motifNotOffered' } });

    const forced = await t.client.agenda.book({
      firmId: t.firmId,
      agendaId: 'kerjean',
      motifId: 'consult',
      startsAt: paris('2026-12-07T09:10'),
      caller,
      force: { reason: 'Urgence acceptée par le Dr Kerjean' },
    });
    expect(forced.forcedReason).toBe('Urgence acceptée par le Dr Kerjean');
    const audit = t.db
      .prepare("SELECT kind, firm_id, subject, detail FROM audit_log WHERE kind = 'agenda.booking-forced'")
      .all();
    expect(audit).toEqual([
      {
        kind: 'agenda.booking-forced',
        firm_id: t.firmId,
        subject: forced.id,
        detail: JSON.stringify({ action: 'book', problems: 'overlap', agendaId: 'kerjean' }),
      },
    ]);
    t.close();
  });

  it('moves an appointment (the old time is free again) and a cancellation frees its slot', async () => {
    const t = await medicalFirm();
    const first = { firmId: t.firmId, motifId: 'consult', agendaIds: ['kerjean'], limit: 1 };
    const booked = await t.client.agenda.book({
      firmId: t.firmId,
      agendaId: 'kerjean',
      motifId: 'consult',
      startsAt: paris('2026-12-07T09:00'),
      caller,
    });
    expect(localOf((await t.client.agenda.findSlots(first))[0]!.startsAt)).toBe('2026-12-07T09:15');
    // Moving by a few minutes does not collide with itself.
    const moved = await t.client.agenda.move({ id: booked.id, startsAt: paris('2026-12-07T09:15') });
    expect(moved).toMatchObject({ status: 'moved', uid: booked.uid });
    expect(localOf(moved.endsAt)).toBe('2026-12-07T09:30');
    expect(localOf((await t.client.agenda.findSlots(first))[0]!.startsAt)).toBe('2026-12-07T09:00');
    const other = await t.client.agenda.move({ id: booked.id, agendaId: 'morel', startsAt: paris('2026-12-07T08:30') });
    expect(other.agendaId).toBe('morel');
    const cancelled = await t.client.agenda.cancel({ id: booked.id, note: 'Rappellera' });
    expect(cancelled).toMatchObject({ status: 'cancelled', note: 'Rappellera' });
    const morelFirst = await t.client.agenda.findSlots({ ...first, agendaIds: ['morel'] });
    expect(localOf(morelFirst[0]!.startsAt)).toBe('2026-12-07T08:30');
    await expect(t.client.agenda.move({ id: booked.id, startsAt: paris('2026-12-07T11:00') })).rejects.toMatchObject({
      code: 'CONFLICT',
      text: { key: 'agendaErrors.notMovable' },
    });
    expect((await t.client.agenda.setStatus({ id: moved.id, status: 'no_show' })).status).toBe('no_show');
    t.close();
  });

  it('makes one « RDV pris » task for a firm that bills appointments, none for one that does not', async () => {
    const billed = await medicalFirm({ billsAppointments: true });
    const call = {
      firmId: billed.firmId,
      agendaId: 'kerjean',
      motifId: 'consult',
      startsAt: paris('2026-12-07T09:00'),
      caller,
    };
    const booked = await billed.client.agenda.book(call);
    const entries = billed.db.prepare('SELECT id, task_type, label, duration_seconds FROM time_entries').all();
    expect(entries).toEqual([
      {
        id: booked.timeEntryId,
        task_type: 'appointment',
        label: 'RDV pris — Consultation — Mme Anne Le Goff',
        duration_seconds: 0,
      },
    ]);
    await billed.client.agenda.move({ id: booked.id, startsAt: paris('2026-12-07T10:00') });
    expect(billed.db.prepare('SELECT count(*) AS n FROM time_entries').get()).toEqual({ n: 1 });
    billed.close();
    const free = await medicalFirm();
    const other = await free.client.agenda.book({ ...call, firmId: free.firmId });
    expect(other.timeEntryId).toBeNull();
    expect(free.db.prepare('SELECT count(*) AS n FROM time_entries').get()).toEqual({ n: 0 });
    free.close();
  });
});
