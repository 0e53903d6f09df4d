import { DateTime } from 'luxon';
import { callDurations, type CallRecord } from './call';

/**
 * How well a firm's phone was answered over a month: the figures a call-centre report gives (offered, answered,
 * abandon rate, average speed of answer, service level, average handling time). Pure; the caller passes the
 * month's calls, the number of messages taken and the after-call work measured by the timesheets.
 *
 * Definitions (also in docs/timesheets.md):
 * - offered: inbound calls offered to her (every outcome, including still ringing ones that never ended);
 * - answered: inbound calls she picked up (answeredAt set), transferred ones included;
 * - abandoned: the caller hung up before she answered (outcome 'missed');
 * - unanswered: offered − answered (abandoned + declined + let ring to the fallback + failed);
 * - average speed of answer: mean of (answeredAt − offeredAt) over answered calls;
 * - service level: answered within N seconds ÷ offered (N = the firm's serviceLevelSeconds);
 * - average handling time: mean of talk + hold + after-call work over answered calls (outbound excluded);
 * - calls by hour: offered and answered inbound calls by local hour of the offer, in the firm's zone.
 * Demo and simulated calls are not the firm's: they count nowhere.
 */

export type KpiCall = Pick<
  CallRecord,
  'id' | 'direction' | 'offeredAt' | 'answeredAt' | 'endedAt' | 'transferredAt' | 'outcome' | 'holds'
> &
  Partial<Pick<CallRecord, 'demo'>>;

export interface KpiInput {
  calls: readonly KpiCall[];
  timeZone: string;
  serviceLevelSeconds: number;
  messagesTaken: number;
  /** After-call work per call id, in seconds (from the call-derived time entries). */
  afterCallSeconds?: ReadonlyMap<string, number>;
}

export interface HourBucket {
  hour: number;
  offered: number;
  answered: number;
}

export interface KpiReport {
  offered: number;
  answered: number;
  /** 0..1, null when nothing was offered. */
  answerRate: number | null;
  unanswered: number;
  abandoned: number;
  abandonRate: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  serviceLevelSeconds: number;
  answeredWithinServiceLevel: number;
  serviceLevel: number | null;
  averageHandlingSeconds: number | null;
  totalHandlingSeconds: number;
  messagesTaken: number;
  transfers: number;
  outgoingCalls: number;
  byHour: HourBucket[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function computeKpi(input: KpiInput): KpiReport {
  const byHour: HourBucket[] = Array.from({ length: 24 }, (_, hour) => ({ hour, offered: 0, answered: 0 }));
  let offered = 0;
  let answered = 0;
  let abandoned = 0;
  let withinLevel = 0;
  let speedSum = 0;
  let handlingSum = 0;
  let transfers = 0;
  let outgoingCalls = 0;
  const hourOf = hourReader(input.timeZone);
  for (const call of input.calls) {
    if (call.demo) continue;
    if (call.transferredAt !== null) transfers += 1;
    if (call.direction === 'outbound') {
      outgoingCalls += 1;
      continue;
    }
    offered += 1;
    const bucket = byHour[hourOf(call.offeredAt)]!;
    bucket.offered += 1;
    if (call.outcome === 'missed') abandoned += 1;
    if (call.answeredAt === null) continue;
    answered += 1;
    bucket.answered += 1;
    const speed = Math.max(0, call.answeredAt - call.offeredAt) / 1000;
    speedSum += speed;
    if (speed <= input.serviceLevelSeconds) withinLevel += 1;
    handlingSum += callDurations(call).handledSeconds + (input.afterCallSeconds?.get(call.id) ?? 0);
  }
  return {
    offered,
    answered,
    answerRate: ratio(answered, offered),
    unanswered: offered - answered,
    abandoned,
    abandonRate: ratio(abandoned, offered),
    averageSpeedOfAnswerSeconds: answered === 0 ? null : Math.round(speedSum / answered),
    serviceLevelSeconds: input.serviceLevelSeconds,
    answeredWithinServiceLevel: withinLevel,
    serviceLevel: ratio(withinLevel, offered),
    averageHandlingSeconds: answered === 0 ? null : Math.round(handlingSum / answered),
    totalHandlingSeconds: handlingSum,
    messagesTaken: input.messagesTaken,
    transfers,
    outgoingCalls,
    byHour,
  };
}

/** Local hour of an instant; the offset is cached per UTC quarter hour (offsets change on such boundaries). */
function hourReader(timeZone: string): (ms: number) => number {
  const cache = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / 900_000);
    let offset = cache.get(bucket);
    if (offset === undefined) {
      const a = DateTime.fromMillis(bucket * 900_000, { zone: timeZone }).offset;
      const b = DateTime.fromMillis((bucket + 1) * 900_000 - 1, { zone: timeZone }).offset;
      offset = a === b ? a : DateTime.fromMillis(ms, { zone: timeZone }).offset;
      if (a === b) cache.set(bucket, offset);
    }
    return new Date(ms + offset * 60_000).getUTCHours();
  };
}

/** 0.8734 → '87,3 %' is the renderer's job (Intl); this gives a stable figure for files: 87.3. */
export function percentOneDecimal(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
