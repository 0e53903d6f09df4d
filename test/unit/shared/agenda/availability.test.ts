import { availabilityAt } from '../../../../shared/domain/agenda/availability';
import type { Occupation } from '../../../../shared/domain/agenda/slots';
import { PARIS, medicalConfig, paris } from './fixtures';

const occ = (from: string, to: string, motifId: string | null = 'consult'): Occupation => ({
  agendaId: 'morel',
  from: paris(from),
  to: paris(to),
  motifId,
  startsAt: paris(from),
});

describe('availability at ring time', () => {
  const day = [occ('2026-12-07T10:45', '2026-12-07T11:00'), occ('2026-12-07T11:00', '2026-12-07T11:30')];

  it('says busy until the end of back-to-back appointments (« en consultation jusqu’à 11:30 »)', () => {
    expect(availabilityAt(medicalConfig(), PARIS, 'morel', paris('2026-12-07T10:50'), day)).toEqual({
      state: 'busy',
      until: paris('2026-12-07T11:30'),
      untilLocal: '11:30',
      reason: 'appointment',
    });
  });

  it('tells the practitioner’s own event from an appointment', () => {
    const event = [occ('2026-12-07T09:00', '2026-12-07T09:40', null)];
    const now = availabilityAt(medicalConfig(), PARIS, 'morel', paris('2026-12-07T09:10'), event);
    expect(now).toMatchObject({ state: 'busy', untilLocal: '09:40', reason: 'event' });
  });

  it('says free until the next appointment, or the end of the range', () => {
    expect(availabilityAt(medicalConfig(), PARIS, 'morel', paris('2026-12-07T10:00'), day)).toMatchObject({
      state: 'free',
      untilLocal: '10:45',
    });
    expect(availabilityAt(medicalConfig(), PARIS, 'morel', paris('2026-12-07T11:40'), day)).toMatchObject({
      state: 'free',
      untilLocal: '12:30',
    });
  });

  it('says off outside the template and on public holidays, absent during an absence', () => {
    expect(availabilityAt(medicalConfig(), PARIS, 'morel', paris('2026-12-07T15:00'), [])).toEqual({
      state: 'off',
      until: null,
      untilLocal: null,
    });
    expect(availabilityAt(medicalConfig(), PARIS, 'morel', paris('2026-12-25T10:00'), []).state).toBe('off');
    const config = medicalConfig({
      exceptions: [
        { id: 'a', kind: 'absence', agendaId: 'morel', from: '2026-12-07', to: '2026-12-11', label: 'congés' },
      ],
    });
    expect(availabilityAt(config, PARIS, 'morel', paris('2026-12-07T10:00'), [])).toEqual({
      state: 'absent',
      until: paris('2026-12-12T00:00'),
      untilLocal: '00:00',
      label: 'congés',
    });
  });
});
