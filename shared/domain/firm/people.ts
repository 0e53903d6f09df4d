import { z } from 'zod';
import { idSchema } from '../ids';
import { transferTargetSchema } from '../phone-schema';
import { isoDateSchema } from './hours';

export const MESSAGE_ROUTING = ['all', 'urgent-only', 'addressed-only', 'none'] as const;

export const absenceSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, note: z.string().max(200).default('') })
  .refine((a) => a.from <= a.to, { message: 'la fin doit suivre le début', path: ['to'] });

export const personSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, { message: 'le nom est obligatoire' }).max(120),
  role: z.string().max(120).default(''),
  transferTarget: transferTargetSchema.default(''),
  email: z.union([z.literal(''), z.email({ message: 'adresse e-mail invalide' })]).default(''),
  receivesMessages: z.enum(MESSAGE_ROUTING).default('addressed-only'),
  isDefaultRecipient: z.boolean().default(false),
  availability: z.string().max(2000).default(''),
  absences: z.array(absenceSchema).max(200).default([]),
});
export type Person = z.infer<typeof personSchema>;
