import { z } from 'zod';

export const LOCALES = ['fr', 'en'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const settingsSchema = z.object({
  locale: localeSchema.default('fr'),
  /** Shown in the consignes history ("modifié par …") and on the relevé d'activité. */
  secretaryName: z.string().max(120).default(''),
  /** Her legal identity on the relevé d'activité: "Marie Dupont" is printed "Marie Dupont EI". */
  legalName: z.string().max(160).default(''),
  /** 9 digits, spaces allowed; printed on the relevé. */
  siren: z
    .string()
    .max(20)
    .regex(/^(\s*\d){9}\s*$|^\s*$/, 'SIREN attendu : 9 chiffres')
    .default(''),
  /** Postal address, several lines. */
  address: z.string().max(500).default(''),
  /**
   * 'franchise': franchise en base de TVA, the relevé says "TVA non applicable, art. 293 B du CGI";
   * 'rate': VAT at vatRateBasisPoints (2000 = 20 %) is added to the HT total.
   */
  vatMode: z.enum(['franchise', 'rate']).default('franchise'),
  vatRateBasisPoints: z.number().int().min(0).max(10_000).default(2000),
  /** Null until the first-run choice (demo or empty workspace) has been made. */
  workspaceInitialisedAt: z.number().int().nullable().default(null),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * A patch names only what changes. Built without defaults on purpose: `settingsSchema.partial()` would fill
 * every absent key with its default and silently reset it.
 */
export const settingsPatchSchema = z
  .object({
    locale: localeSchema,
    secretaryName: z.string().max(120),
    legalName: z.string().max(160),
    siren: z
      .string()
      .max(20)
      .regex(/^(\s*\d){9}\s*$|^\s*$/, 'SIREN attendu : 9 chiffres'),
    address: z.string().max(500),
    vatMode: z.enum(['franchise', 'rate']),
    vatRateBasisPoints: z.number().int().min(0).max(10_000),
    workspaceInitialisedAt: z.number().int().nullable(),
  })
  .partial()
  .strict();
