import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import { CALL_OUTCOMES, callEventSchema, callOfferSchema, type CallLogItem, type CallRecord } from '../../domain/call';
import type { Contact } from '../../domain/firm/contact';
import type { FirmDetail } from '../../domain/firm/aggregate';

export interface CallerLookup {
  contacts: Contact[];
  recentCalls: CallRecord[];
}

export const callsMethods = {
  /** The renderer's cache for recognising firms before the first ring ends. */
  'firms:directory': method<FirmDetail[]>()(z.object({}).strict()),
  'calls:offer': method<{ call: CallRecord; caller: CallerLookup }>()(callOfferSchema),
  'calls:record': method<CallRecord>()(callEventSchema),
  'calls:lookupCaller': method<CallerLookup>()(
    z.object({ firmId: idSchema, callerNumber: z.string().max(40).nullable() }).strict(),
  ),
  'calls:list': method<{ items: CallLogItem[]; total: number }>()(
    z
      .object({
        firmId: idSchema.optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        outcome: z.enum(CALL_OUTCOMES).optional(),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'calls:get': method<CallRecord>()(z.object({ id: idSchema }).strict()),
  'calls:assignNumber': method<CallRecord>()(z.object({ callId: idSchema, firmId: idSchema }).strict()),
};
