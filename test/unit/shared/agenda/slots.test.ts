import { findSlots, type Occupation } from '../../../../shared/domain/agenda/slots';
import { PARIS, loaderOf, localOf, medicalConfig, paris } from './fixtures';

const none = loaderOf([]);
const appointment = (agendaId: string, from: string, to: string, motifId = 'consult'): Occupation => ({
  agendaId,
  from: paris(from),
  to: paris(to),
  motifId,
  startsAt: paris(from),
});

describe('slot finder', () => {
  it('lists the earliest slots of every agenda offering the motif, ties in the agendas’ order', () => {
    const slots = findSlots(
      medicalConfig(),
      PARIS,
      { motifId: 'consult', from: paris('2026-12-07T08:00'), limit: 4 },
      none,
    );
    expect(slots.map((s) => [s.agendaId, localOf(s.startsAt), localOf(s.endsAt)])).toEqual([
      ['morel', '2026-12-07T08:30', '2026-12-07T08:45'],
      ['morel', '2026-12-07T08:45', '2026-12-07T09:00'],
      ['kerjean', '2026-12-07T09:00', '2026-12-07T09:15'],
      ['morel', '2026-12-07T09:00', '2026-12-07T09:15'],
    ]);
  });

  it('keeps 09:00 at 09:00 local across the March change (07:00 UTC after, 08:00 before)', () => {
    const slots = findSlots(
      medicalConfig(),
      PARIS,
      { motifId: 'consult', agendaIds: ['kerjean'], from: paris('2026-03-27T17:30'), limit: 3 },
      none,
    );
    expect(slots.map((s) => new Date(s.startsAt).toISOString())).toEqual([
      '2026-03-27T16:30:00.000Z',
      '2026-03-27T16:45:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
  });

  it('keeps 09:00 at 09:00 local across the October change (08:00 UTC after, 07:00 before)', () => {
    const slots = findSlots(
      medicalConfig(),
      PARIS,
      { motifId: 'consult', agendaIds: ['kerjean'], from: paris('2026-10-23T17:45'), limit: 2 },
      none,
    );
    expect(slots.map((s) => new Date(s.startsAt).toISOString())).toEqual([
      '2026-10-23T15:45:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('steps over the hour that does not exist on the night of the March change', () => {
    const config = medicalConfig({
      exceptions: [
        {
          id: 'nuit',
          kind: 'opening',
          agendaId: 'morel',
          from: '2026-03-29',
          to: '2026-03-29',
          start: '01:30',
          end: '04:00',
        },
      ],
    });
    const slots = findSlots(config, PARIS, { motifId: 'consult', from: paris('2026-03-29T00:00'), limit: 7 }, none);
    expect(slots.map((s) => localOf(s.startsAt))).toEqual([
      '2026-03-29T01:30',
      '2026-03-29T01:45',
      '2026-03-29T03:00',
      '2026-03-29T03:15',
      '2026-03-29T03:30',
      '2026-03-29T03:45',
      '2026-03-30T08:30',
    ]);
  });

  it('skips public holidays of the firm’s region: Vendredi saint only in Alsace-Moselle', () => {
    const query = { motifId: 'consult', agendaIds: ['kerjean'], from: paris('2026-04-03T00:00'), limit: 1 };
    expect(localOf(findSlots(medicalConfig(), PARIS, query, none)[0]!.startsAt)).toBe('2026-04-03T09:00');
    const alsace = medicalConfig({ settings: { holidayRegion: 'FR-alsace-moselle' } });
    // Friday 3 April is Vendredi saint there, Monday 6 April is Easter Monday everywhere.
    expect(localOf(findSlots(alsace, PARIS, query, none)[0]!.startsAt)).toBe('2026-04-07T09:00');
    const opened = medicalConfig({ settings: { closedOnPublicHolidays: false } });
    const mayDay = { ...query, from: paris('2026-05-01T00:00') };
    expect(localOf(findSlots(medicalConfig(), PARIS, mayDay, none)[0]!.startsAt)).toBe('2026-05-04T09:00');
    expect(localOf(findSlots(opened, PARIS, mayDay, none)[0]!.startsAt)).toBe('2026-05-01T09:00');
  });

  it('leaves room for buffers around appointments and the practitioner’s own events', () => {
    const load = loaderOf([
      appointment('kerjean', '2026-12-07T09:00', '2026-12-07T09:15'),
      {
        agendaId: 'kerjean',
        from: paris('2026-12-07T10:00'),
        to: paris('2026-12-07T10:30'),
        motifId: null,
        startsAt: paris('2026-12-07T10:00'),
      },
    ]);
    const slots = findSlots(
      medicalConfig(),
      PARIS,
      { motifId: 'suivi', from: paris('2026-12-07T08:00'), limit: 3 },
      load,
    );
    // 30 min + 15 min after: 09:15 ends its buffer at 10:00, when the event starts; 09:30 and 09:45 would overlap it.
    expect(slots.map((s) => localOf(s.startsAt))).toEqual(['2026-12-07T09:15', '2026-12-07T10:30', '2026-12-07T10:45']);
  });

  it('stops offering a motif on a day once its maximum per day is reached', () => {
    const load = loaderOf([
      appointment('kerjean', '2026-12-07T09:00', '2026-12-07T09:45', 'suivi'),
      appointment('kerjean', '2026-12-07T14:00', '2026-12-07T14:45', 'suivi'),
    ]);
    const slots = findSlots(
      medicalConfig(),
      PARIS,
      { motifId: 'suivi', from: paris('2026-12-07T08:00'), limit: 1 },
      load,
    );
    expect(localOf(slots[0]!.startsAt)).toBe('2026-12-08T09:00');
  });

  it('filters mornings and afternoons by local start time', () => {
    const from = paris('2026-12-07T08:00');
    const afternoon = findSlots(
      medicalConfig(),
      PARIS,
      { motifId: 'consult', from, limit: 3, part: 'afternoon' },
      none,
    );
    // Dr Morel's morning range runs to 12:30: its last two slots start in the afternoon.
    expect(afternoon.map((s) => [s.agendaId, localOf(s.startsAt)])).toEqual([
      ['morel', '2026-12-07T12:00'],
      ['morel', '2026-12-07T12:15'],
      ['kerjean', '2026-12-07T14:00'],
    ]);
    const morning = findSlots(
      medicalConfig(),
      PARIS,
      { motifId: 'consult', agendaIds: ['kerjean'], from: paris('2026-12-07T11:50'), limit: 1, part: 'morning' },
      none,
    );
    expect(localOf(morning[0]!.startsAt)).toBe('2026-12-08T09:00');
  });

  it('honours absences, firm closures, extra openings and ranges kept for other motifs', () => {
    const config = medicalConfig({
      exceptions: [
        { id: 'abs', kind: 'absence', agendaId: 'morel', from: '2026-12-07', to: '2026-12-07' },
        { id: 'clo', kind: 'closure', from: '2026-12-08', to: '2026-12-08', start: '08:00', end: '09:30' },
        {
          id: 'sat',
          kind: 'opening',
          agendaId: 'morel',
          from: '2026-12-12',
          to: '2026-12-12',
          start: '09:00',
          end: '10:00',
        },
      ],
    });
    const monday = findSlots(config, PARIS, { motifId: 'consult', from: paris('2026-12-07T08:00'), limit: 1 }, none);
    expect(monday.map((s) => [s.agendaId, localOf(s.startsAt)])).toEqual([['kerjean', '2026-12-07T09:00']]);
    const tuesday = findSlots(config, PARIS, { motifId: 'consult', from: paris('2026-12-08T08:00'), limit: 1 }, none);
    expect(tuesday.map((s) => [s.agendaId, localOf(s.startsAt)])).toEqual([['kerjean', '2026-12-08T09:30']]);
    const saturday = findSlots(config, PARIS, { motifId: 'consult', from: paris('2026-12-12T00:00'), limit: 5 }, none);
    expect(saturday.map((s) => localOf(s.startsAt))).toEqual([
      '2026-12-12T09:00',
      '2026-12-12T09:15',
      '2026-12-12T09:30',
      '2026-12-12T09:45',
      '2026-12-14T08:30',
    ]);
    const kept = medicalConfig({
      agendas: [
        {
          id: 'kerjean',
          name: 'Dr Kerjean',
          template: [
            { weekday: 1, start: '09:00', end: '10:00', motifIds: ['suivi'] },
            { weekday: 1, start: '10:00', end: '11:00' },
          ],
        },
        { id: 'morel', name: 'Dr Morel' },
      ],
    });
    const consult = findSlots(kept, PARIS, { motifId: 'consult', from: paris('2026-12-07T08:00'), limit: 1 }, none);
    expect(localOf(consult[0]!.startsAt)).toBe('2026-12-07T10:00');
  });

  it('finds nothing for an unknown motif or an agenda that does not offer it', () => {
    const from = paris('2026-12-07T08:00');
    expect(findSlots(medicalConfig(), PARIS, { motifId: 'radio', from, limit: 3 }, none)).toEqual([]);
    expect(findSlots(medicalConfig(), PARIS, { motifId: 'suivi', agendaIds: ['morel'], from, limit: 3 }, none)).toEqual(
      [],
    );
  });
});
