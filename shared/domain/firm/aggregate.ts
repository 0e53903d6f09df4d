import { z } from 'zod';
import { billingSettingsSchema, type BillingSettings } from '../billing/billing-settings';
import { idSchema } from '../ids';
import { consignesSchema, type ConsignesVersion } from './consignes';
import { firmProfileSchema, type FirmProfile } from './firm';
import { personSchema, type Person } from './people';
import { messageFieldsSchema, scriptSchema, type MessageField, type Script } from './script';
import { v } from '../validation-messages';

/**
 * Billing rules are owned by the timesheets feature; the firm keeps them as one validated document. Every field
 * has a default, so `{}` (what firms saved before billing existed) reads as the default rules.
 */
export const firmBillingSchema = billingSettingsSchema.prefault({});

/** What the firm editor saves in one go: every tab of a firm, so a save is one transaction. */
export const firmDraftSchema = z
  .object({
    profile: firmProfileSchema,
    people: z.array(personSchema).max(200).default([]),
    consignes: consignesSchema,
    script: scriptSchema.default({ steps: [] }),
    messageFields: messageFieldsSchema.default([]),
    billing: firmBillingSchema,
  })
  .superRefine((draft, ctx) => {
    const personIds = new Set<string>();
    draft.people.forEach((person, index) => {
      if (personIds.has(person.id)) {
        ctx.addIssue({ code: 'custom', message: v('duplicatePerson'), path: ['people', index, 'id'] });
      }
      personIds.add(person.id);
    });
    draft.consignes.rules.transferRules.forEach((rule, index) => {
      if (rule.personId && !personIds.has(rule.personId)) {
        ctx.addIssue({
          code: 'custom',
          message: v('unknownTransferPerson'),
          path: ['consignes', 'rules', 'transferRules', index, 'personId'],
        });
      }
    });
    const closureIds = new Set<string>();
    draft.profile.closures.forEach((closure, index) => {
      if (closureIds.has(closure.id)) {
        ctx.addIssue({ code: 'custom', message: v('duplicateId'), path: ['profile', 'closures', index, 'id'] });
      }
      closureIds.add(closure.id);
    });
    const seen = new Set<string>();
    draft.profile.numbers.forEach((n, index) => {
      if (seen.has(n.e164)) {
        ctx.addIssue({ code: 'custom', message: v('duplicateNumber'), path: ['profile', 'numbers', index, 'e164'] });
      }
      seen.add(n.e164);
    });
  });
export type FirmDraftInput = z.input<typeof firmDraftSchema>;
export type FirmDraft = z.output<typeof firmDraftSchema>;

export interface FirmDetail {
  id: string;
  /** Increases on every save; a save based on an older revision is refused instead of overwriting. */
  revision: number;
  createdAt: number;
  updatedAt: number;
  profile: FirmProfile;
  people: Person[];
  consignes: ConsignesVersion;
  script: Script;
  messageFields: MessageField[];
  billing: BillingSettings;
}

export const saveFirmInputSchema = z.object({
  id: idSchema.optional(),
  expectedRevision: z.number().int().nonnegative().optional(),
  draft: firmDraftSchema,
});
