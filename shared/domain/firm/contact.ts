import { z } from 'zod';
import { idSchema } from '../ids';
import { stripBidiControls } from '../text';
import { phoneInputSchema } from '../phone-schema';
import { LIMITS } from '../limits';
import { v } from '../validation-messages';

export const contactInputSchema = z.object({
  name: z
    .string()
    .overwrite(stripBidiControls)
    .trim()
    .min(1, { message: v('nameRequired') })
    .max(160),
  company: z.string().max(160).default(''),
  phones: z.array(phoneInputSchema).max(10).default([]),
  email: z.union([z.literal(''), z.email({ message: v('invalidEmail') }).max(LIMITS.email)]).default(''),
  notes: z.string().max(10_000).default(''),
  vip: z.boolean().default(false),
  doNotTransfer: z.boolean().default(false),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export interface Contact extends ContactInput {
  id: string;
  firmId: string;
  createdAt: number;
  updatedAt: number;
}

export const contactIdSchema = idSchema;
