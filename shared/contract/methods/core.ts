import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import { LIMITS } from '../../domain/limits';
import { saveFirmInputSchema, type FirmDetail } from '../../domain/firm/aggregate';
import { contactInputSchema, type Contact } from '../../domain/firm/contact';
import type { FirmSummary } from '../../domain/firm/firm';
import { settingsPatchSchema, type Settings } from '../../domain/settings';
import { v } from '../../domain/validation-messages';
import type { WorkspaceImportReport } from '../../domain/workspace';

export const noInput = z.object({}).strict();

export interface AppInfo {
  version: string;
  dataDir: string;
  transport: 'electron' | 'harness';
}

export interface ContactPage {
  items: Contact[];
  total: number;
}

/** The foundation: app, settings, workspace, firms and their contacts. */
export const coreMethods = {
  'app:info': method<AppInfo>()(noInput),

  'settings:get': method<Settings>()(noInput),
  'settings:update': method<Settings>()(settingsPatchSchema),

  'workspace:initialise': method<WorkspaceImportReport>()(z.object({ kind: z.enum(['demo', 'empty']) }).strict()),
  'workspace:import': method<WorkspaceImportReport>()(
    z
      .object({
        content: z
          .string()
          .min(1)
          .max(LIMITS.importFileChars, { message: v('fileTooLarge') }),
      })
      .strict(),
  ),
  'workspace:export': method<{ content: string; fileName: string }>()(noInput),

  'firms:list': method<FirmSummary[]>()(noInput),
  'firms:get': method<FirmDetail>()(z.object({ id: idSchema }).strict()),
  'firms:save': method<FirmDetail>()(saveFirmInputSchema.strict()),
  'firms:archive': method<{ archived: true }>()(z.object({ id: idSchema }).strict()),

  'contacts:list': method<ContactPage>()(
    z
      .object({
        firmId: idSchema,
        query: z.string().max(200).default(''),
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  ),
  'contacts:save': method<Contact>()(
    z.object({ firmId: idSchema, id: idSchema.optional(), contact: contactInputSchema }).strict(),
  ),
  'contacts:delete': method<{ deleted: true }>()(z.object({ firmId: idSchema, id: idSchema }).strict()),

  /** Public holidays come from main so the renderer does not ship the holiday library's world data. */
  'calendar:publicHolidays': method<string[]>()(
    z
      .object({
        region: z.enum(['FR', 'FR-alsace-moselle']).default('FR'),
        fromYear: z.number().int().min(1990).max(2100),
        toYear: z.number().int().min(1990).max(2100),
      })
      .strict()
      .refine((r) => r.fromYear <= r.toYear && r.toYear - r.fromYear <= 10, { message: 'période de 10 ans au plus' }),
  ),
};
