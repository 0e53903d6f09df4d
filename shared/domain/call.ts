import { z } from 'zod';
import { idSchema } from './ids';
import { stripBidiControls } from './text';

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export const CALL_OUTCOMES = [
  'answered',
  /** The caller gave up before she picked up. */
  'missed',
  /** She refused it (486 Busy Here). */
  'declined',
  /** She let it ring on to the firm's fallback. */
  'ignored',
  'transferred-blind',
  'transferred-announced',
  'failed',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const MATCH_SOURCES = [
  'diversion',
  'history-info',
  'p-called-party-id',
  'to',
  'request-uri',
  'manual',
  'demo',
] as const;

/** What the renderer knows when a call is offered: enough to log it even if she never answers. */
export const callOfferSchema = z
  .object({
    id: idSchema,
    direction: z.enum(CALL_DIRECTIONS),
    firmId: idSchema.nullable(),
    matchedBy: z.enum(MATCH_SOURCES).nullable(),
    matchedNumber: z.string().max(40).nullable(),
    callerNumber: z.string().max(40).nullable(),
    callerRaw: z.string().max(300).default(''),
    callerName: z.string().overwrite(stripBidiControls).max(200).default(''),
    anonymous: z.boolean().default(false),
    diversionReason: z.string().max(40).nullable().default(null),
    diversionFrom: z.string().max(40).nullable().default(null),
    sipCallId: z.string().max(300).default(''),
    demo: z.boolean().default(false),
    at: z.number().int().positive(),
  })
  .strict();
export type CallOffer = z.infer<typeof callOfferSchema>;

/** Everything that happens to a call after the offer, reported by the softphone as it happens. */
export const callEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('answered'), callId: idSchema, at: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('hold'), callId: idSchema, at: z.number().int().positive() }).strict(),
  z.object({ type: z.literal('resume'), callId: idSchema, at: z.number().int().positive() }).strict(),
  z
    .object({
      type: z.literal('transferred'),
      callId: idSchema,
      at: z.number().int().positive(),
      kind: z.enum(['blind', 'announced']),
      target: z.string().max(80),
    })
    .strict(),
  z
    .object({
      type: z.literal('ended'),
      callId: idSchema,
      at: z.number().int().positive(),
      /** Who hung up, or why it ended before being answered. */
      reason: z.enum([
        'local-hangup',
        'remote-hangup',
        'caller-cancelled',
        'declined',
        'ignored',
        'failed',
        'transferred',
      ]),
      detail: z.string().max(300).default(''),
    })
    .strict(),
]);
export type CallEvent = z.infer<typeof callEventSchema>;

export interface HoldInterval {
  startedAt: number;
  endedAt: number | null;
}

export interface CallRecord extends Omit<CallOffer, 'at'> {
  offeredAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  transferredAt: number | null;
  transferKind: 'blind' | 'announced' | null;
  transferTarget: string | null;
  outcome: CallOutcome | null;
  failureReason: string;
  holds: HoldInterval[];
  contactId: string | null;
}

/** A call as the call log lists it: who it was with, in words, and the message taken on it (to open it). */
export interface CallLogItem extends CallRecord {
  /** The caller's name from the message, a contact, one of the firm's people or the firm; '' when unknown. */
  counterpart: string;
  messageId: string | null;
}

/** Seconds of conversation and of hold, from the recorded instants; what timesheets bill. */
export function callDurations(call: Pick<CallRecord, 'answeredAt' | 'endedAt' | 'transferredAt' | 'holds'>): {
  handledSeconds: number;
  holdSeconds: number;
  talkSeconds: number;
} {
  if (call.answeredAt === null) return { handledSeconds: 0, holdSeconds: 0, talkSeconds: 0 };
  const end = call.transferredAt ?? call.endedAt;
  if (end === null) return { handledSeconds: 0, holdSeconds: 0, talkSeconds: 0 };
  const handled = Math.max(0, Math.round((end - call.answeredAt) / 1000));
  const hold = call.holds.reduce((sum, h) => {
    const start = Math.max(h.startedAt, call.answeredAt!);
    const stop = Math.min(h.endedAt ?? end, end);
    return sum + Math.max(0, stop - start);
  }, 0);
  const holdSeconds = Math.min(handled, Math.round(hold / 1000));
  return { handledSeconds: handled, holdSeconds, talkSeconds: handled - holdSeconds };
}
