import { computeKpi, type KpiCall } from '../../../shared/domain/kpi';

const T = Date.UTC(2026, 10, 24, 9, 0, 0); // 10:00 in Paris

function call(id: string, overrides: Partial<KpiCall>): KpiCall {
  return {
    id,
    direction: 'inbound',
    offeredAt: T,
    answeredAt: null,
    endedAt: T + 30_000,
    transferredAt: null,
    outcome: 'missed',
    holds: [],
    ...overrides,
  };
}

describe('KPI per firm and month', () => {
  const calls: KpiCall[] = [
    call('a', { answeredAt: T + 5000, endedAt: T + 125_000, outcome: 'answered' }),
    call('b', {
      answeredAt: T + 25_000,
      endedAt: T + 85_000,
      outcome: 'answered',
      holds: [{ startedAt: T + 30_000, endedAt: T + 40_000 }],
    }),
    call('c', {
      offeredAt: T + 3_600_000,
      answeredAt: T + 3_610_000,
      transferredAt: T + 3_640_000,
      endedAt: T + 3_900_000,
      outcome: 'transferred-blind',
    }),
    call('d', { outcome: 'missed' }),
    call('e', { outcome: 'declined' }),
    call('f', { direction: 'outbound', answeredAt: T + 1000, endedAt: T + 61_000, outcome: 'answered' }),
  ];
  const report = computeKpi({
    calls,
    timeZone: 'Europe/Paris',
    serviceLevelSeconds: 20,
    messagesTaken: 2,
    afterCallSeconds: new Map([['a', 30]]),
  });

  it('counts offered, answered and unanswered inbound calls, leaving outgoing calls aside', () => {
    expect(report).toMatchObject({ offered: 5, answered: 3, unanswered: 2, outgoingCalls: 1 });
    expect(report.answerRate).toBeCloseTo(0.6);
  });

  it('counts as abandoned only callers who hung up before she answered', () => {
    expect(report.abandoned).toBe(1);
    expect(report.abandonRate).toBeCloseTo(0.2);
  });

  it('averages the speed of answer and measures the service level against offered calls', () => {
    expect(report.averageSpeedOfAnswerSeconds).toBe(Math.round((5 + 25 + 10) / 3));
    expect(report.answeredWithinServiceLevel).toBe(2);
    expect(report.serviceLevel).toBeCloseTo(0.4);
  });

  it('averages handling time as talk + hold + after-call work, a transferred call counting until the transfer', () => {
    // a: 120 s + 30 s wrap-up; b: 60 s (10 of them on hold); c: 30 s until the transfer.
    expect(report.totalHandlingSeconds).toBe(150 + 60 + 30);
    expect(report.averageHandlingSeconds).toBe(80);
  });

  it('counts transfers and messages, and buckets calls by local hour in the firm’s zone', () => {
    expect(report.transfers).toBe(1);
    expect(report.messagesTaken).toBe(2);
    expect(report.byHour[10]).toEqual({ hour: 10, offered: 4, answered: 2 });
    expect(report.byHour[11]).toEqual({ hour: 11, offered: 1, answered: 1 });
  });

  it('gives null rates rather than dividing by zero for a month without calls', () => {
    const empty = computeKpi({ calls: [], timeZone: 'Europe/Paris', serviceLevelSeconds: 20, messagesTaken: 0 });
    expect(empty).toMatchObject({
      offered: 0,
      answerRate: null,
      abandonRate: null,
      serviceLevel: null,
      averageSpeedOfAnswerSeconds: null,
      averageHandlingSeconds: null,
    });
  });

  it('reads the hour across the DST change in the firm’s zone', () => {
    // 25 Oct 2026 00:30 UTC = 02:30 CEST; 01:30 UTC = 02:30 CET (after the clocks went back).
    const r = computeKpi({
      calls: [
        call('x', { offeredAt: Date.UTC(2026, 9, 25, 0, 30) }),
        call('y', { offeredAt: Date.UTC(2026, 9, 25, 1, 30) }),
      ],
      timeZone: 'Europe/Paris',
      serviceLevelSeconds: 20,
      messagesTaken: 0,
    });
    expect(r.byHour[2]!.offered).toBe(2);
  });
});

describe('KPI and demo calls', () => {
  it('counts a demo or simulated call nowhere (offered, answered, abandoned, transfers, outgoing, by hour)', () => {
    const real = call('r', { answeredAt: T + 5000, endedAt: T + 65_000, outcome: 'answered' });
    const withDemo = computeKpi({
      calls: [
        real,
        call('d1', { demo: true, answeredAt: T + 1000, endedAt: T + 90_000, outcome: 'answered' }),
        call('d2', { demo: true, outcome: 'missed' }),
        call('d3', { demo: true, direction: 'outbound', transferredAt: T + 2000, outcome: 'transferred-blind' }),
      ],
      timeZone: 'Europe/Paris',
      serviceLevelSeconds: 20,
      messagesTaken: 0,
    });
    const alone = computeKpi({ calls: [real], timeZone: 'Europe/Paris', serviceLevelSeconds: 20, messagesTaken: 0 });
    expect(withDemo).toEqual(alone);
    expect(withDemo).toMatchObject({ offered: 1, answered: 1, abandoned: 0, transfers: 0, outgoingCalls: 0 });
  });
});
