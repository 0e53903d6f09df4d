import { z } from 'zod';
import { idSchema } from '../ids';
import { stripBidiControls } from '../text';
import { phoneInputSchema } from '../phone-schema';
import { v } from '../validation-messages';

export const transferRuleSchema = z.object({
  when: z
    .string()
    .trim()
    .min(1, { message: v('transferWhenRequired') })
    .max(400),
  personId: idSchema.nullable().default(null),
  note: z.string().max(400).default(''),
});

export const vipCallerSchema = z.object({
  name: z.string().overwrite(stripBidiControls).trim().min(1).max(120),
  phone: z.union([z.literal(''), phoneInputSchema]).default(''),
  note: z.string().max(400).default(''),
});

export const consigneRulesSchema = z.object({
  transferRules: z.array(transferRuleSchema).max(50).default([]),
  urgentDefinition: z.string().max(2000).default(''),
  vipCallers: z.array(vipCallerSchema).max(200).default([]),
  neverDisclose: z.array(z.string().trim().min(1).max(400)).max(50).default([]),
  identityChecks: z.array(z.string().trim().min(1).max(400)).max(20).default([]),
  identityCheckRequired: z.boolean().default(false),
});
export type ConsigneRules = z.infer<typeof consigneRulesSchema>;

export const consignesSchema = z.object({
  /** Markdown: bold, lists and links are what secretaries actually use in standing instructions. */
  body: z.string().max(50_000).default(''),
  rules: consigneRulesSchema.default(() => consigneRulesSchema.parse({})),
});
export type Consignes = z.infer<typeof consignesSchema>;

export interface ConsignesVersion extends Consignes {
  version: number;
  changedBy: string;
  changedAt: number;
}
