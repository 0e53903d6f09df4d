import { z } from 'zod';
import { idSchema } from './ids';
import { firmDraftSchema } from './firm/aggregate';
import { contactInputSchema } from './firm/contact';
import { v } from './validation-messages';
import { agendaConfigSchema } from './agenda/config';
import { workspaceAppointmentSchema } from './agenda/appointment';

export const WORKSPACE_FORMAT = 'permanence-workspace';
export const WORKSPACE_VERSION = 1;

export const workspaceContactSchema = contactInputSchema.extend({ id: idSchema });

export const workspaceFirmSchema = z.object({
  id: idSchema,
  firm: firmDraftSchema,
  contacts: z.array(workspaceContactSchema).max(200_000).default([]),
  /** Agendas, motifs, templates and exceptions (issue 11); absent: the firm's agenda is left as it is. */
  agenda: agendaConfigSchema.optional(),
  appointments: z.array(workspaceAppointmentSchema).max(200_000).default([]),
});

/**
 * The exchange file. Secrets (SIP and SMTP passwords) are never part of it by construction:
 * no schema here has a field for them.
 */
export const workspaceFileSchema = z
  .object({
    format: z.literal(WORKSPACE_FORMAT),
    version: z.literal(WORKSPACE_VERSION),
    exportedAt: z.string().max(64).optional(),
    firms: z.array(workspaceFirmSchema).max(1000),
  })
  .superRefine((file, ctx) => {
    const firmIds = new Set<string>();
    const contactIds = new Set<string>();
    file.firms.forEach((entry, f) => {
      if (firmIds.has(entry.id)) ctx.addIssue({ code: 'custom', message: v('duplicateId'), path: ['firms', f, 'id'] });
      firmIds.add(entry.id);
      entry.contacts.forEach((contact, c) => {
        if (contactIds.has(contact.id)) {
          ctx.addIssue({ code: 'custom', message: v('duplicateId'), path: ['firms', f, 'contacts', c, 'id'] });
        }
        contactIds.add(contact.id);
      });
    });
  });
export type WorkspaceFile = z.output<typeof workspaceFileSchema>;
export type WorkspaceFileInput = z.input<typeof workspaceFileSchema>;

export interface WorkspaceImportReport {
  firmsCreated: number;
  firmsUpdated: number;
  contactsCreated: number;
  contactsUpdated: number;
  /** Appointments written (imported, or made for the demo). */
  appointments?: number;
}
