import { z } from 'zod';
import { toE164 } from './phone';
import { v } from './validation-messages';

/** Accepts any way a person types a number and stores it E.164; rejects what cannot be dialled. */
export const phoneInputSchema = z
  .string()
  .max(40)
  .transform((raw, ctx) => {
    const e164 = toE164(raw);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: v('invalidPhone') });
      return z.NEVER;
    }
    return e164;
  });

/** A transfer target is a phone number or a short PBX extension ("201", "*8"). */
export const transferTargetSchema = z
  .string()
  .trim()
  .max(40)
  .transform((raw, ctx) => {
    if (raw === '') return '';
    if (/^[0-9*#]{1,6}$/.test(raw)) return raw;
    const e164 = toE164(raw);
    if (!e164) {
      ctx.addIssue({ code: 'custom', message: v('invalidTransferTarget') });
      return z.NEVER;
    }
    return e164;
  });
