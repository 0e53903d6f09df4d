import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import {
  callerIdSchema,
  sipAccountSchema,
  type CallerId,
  type SipAccountView,
  type SipCredentials,
} from '../../domain/sip-account';

export const LINE_STATES = ['unconfigured', 'connecting', 'registered', 'down', 'demo'] as const;
export type LineStateName = (typeof LINE_STATES)[number];

/** The softphone account and the OS side of a ringing call (main owns secrets and the window). */
export const sipMethods = {
  'sip:getAccount': method<SipAccountView>()(z.object({}).strict()),
  'sip:saveAccount': method<SipAccountView>()(
    z
      .object({
        account: sipAccountSchema,
        /** Omitted: keep the stored password. Empty string: forget it. */
        password: z.string().max(300).optional(),
      })
      .strict(),
  ),
  /** For the softphone only: the account with its password, or null when none is configured. */
  'sip:credentials': method<SipCredentials | null>()(z.object({}).strict()),
  'sip:callerIds': method<Record<string, CallerId>>()(z.object({}).strict()),
  'sip:setCallerId': method<CallerId>()(z.object({ firmId: idSchema, callerId: callerIdSchema }).strict()),
  'shell:incomingCall': method<{ ok: true }>()(
    z.object({ firmName: z.string().max(200), callerLabel: z.string().max(200) }).strict(),
  ),
  'shell:lineStatus': method<{ ok: true }>()(z.object({ state: z.enum(LINE_STATES) }).strict()),
};
