import { z } from 'zod';

export const LOCALES = ['fr', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const settingsSchema = z.object({
  locale: localeSchema.default('fr'),
  /** Shown in the consignes history ("modifié par …") and on the relevé d'activité. */
  secretaryName: z.string().max(120).default(''),
  /** Null until the first-run choice (demo or empty workspace) has been made. */
  workspaceInitialisedAt: z.number().int().nullable().default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
