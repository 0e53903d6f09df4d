import { z } from 'zod';
import { idSchema } from '../ids';
import { stripBidiControls } from '../text';
import { transferTargetSchema } from '../phone-schema';
import { isoDateSchema } from './hours';
import { LIMITS } from '../limits';
import { v } from '../validation-messages';

export const MESSAGE_ROUTING = ['all', 'urgent-only', 'addressed-only', 'none'] as const;

export const absenceSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, note: z.string().max(200).default('') })
  .refine((a) => a.from <= a.to, { message: v('endBeforeStart'), path: ['to'] });

export const personSchema = z.object({
  id: idSchema,
  name: z
    .string()
    .overwrite(stripBidiControls)
    .trim()
    .min(1, { message: v('nameRequired') })
    .max(120),
  role: z.string().max(120).default(''),
  transferTarget: transferTargetSchema.default(''),
  email: z.union([z.literal(''), z.email({ message: v('invalidEmail') }).max(LIMITS.email)]).default(''),
  receivesMessages: z.enum(MESSAGE_ROUTING).default('addressed-only'),
  isDefaultRecipient: z.boolean().default(false),
  availability: z.string().max(2000).default(''),
  absences: z.array(absenceSchema).max(200).default([]),
});
export type Person = z.infer<typeof personSchema>;
