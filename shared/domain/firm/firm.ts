import { z } from 'zod';
import { idSchema } from '../ids';
import { stripBidiControls } from '../text';
import { closureSchema, officeWeek, weeklyHoursSchema } from './hours';
import { phoneInputSchema } from '../phone-schema';
import { v } from '../validation-messages';

export const SECTORS = ['juridique', 'medical', 'immobilier', 'ecommerce', 'artisanat', 'autre'] as const;
export const sectorSchema = z.enum(SECTORS);
export type Sector = z.infer<typeof sectorSchema>;

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: v('invalidColor') });

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: v('unknownTimeZone') },
  );

export const firmNumberSchema = z.object({
  e164: phoneInputSchema,
  label: z.string().max(80).default(''),
});
export type FirmNumber = z.infer<typeof firmNumberSchema>;

/** Everything about a firm that fits on its identity and hours tabs. */
export const firmProfileSchema = z.object({
  name: z
    .string()
    .overwrite(stripBidiControls)
    .trim()
    .min(1, { message: v('nameRequired') })
    .max(120),
  sector: sectorSchema,
  color: colorSchema,
  greeting: z
    .string()
    .trim()
    .min(1, { message: v('greetingRequired') })
    .max(400),
  pronunciation: z.string().max(200).default(''),
  numbers: z.array(firmNumberSchema).max(50),
  timeZone: timeZoneSchema.default('Europe/Paris'),
  weeklyHours: weeklyHoursSchema.default(officeWeek),
  closures: z.array(closureSchema).max(500).default([]),
  closedOnPublicHolidays: z.boolean().default(true),
  notes: z.string().max(20_000).default(''),
});
export type FirmProfile = z.infer<typeof firmProfileSchema>;

export const firmIdSchema = idSchema;

export interface FirmSummary {
  id: string;
  name: string;
  sector: Sector;
  color: string;
  greeting: string;
  numbers: string[];
  /** The firm's IANA zone: its times are shown in it on every screen. */
  timeZone: string;
  updatedAt: number;
}
