import { z } from 'zod';
import { method } from '../define';
import { idSchema } from '../../domain/ids';
import {
  messageContentSchema,
  messageFilterSchema,
  scriptStateSchema,
  type MessageDetail,
  type MessageRecord,
} from '../../domain/message';
import {
  firmDeliverySchema,
  smtpSaveSchema,
  type FirmDelivery,
  type SmtpSettingsView,
} from '../../domain/message-smtp';
import type { ContactImportReport } from '../../domain/contacts-import';
import { contactImportSchema } from '../../domain/contacts-import';
import type { Contact } from '../../domain/firm/contact';

const draftSchema = z
  .object({
    id: idSchema.optional(),
    firmId: idSchema,
    callId: idSchema.nullable().optional(),
    contactId: idSchema.nullable().optional(),
    content: messageContentSchema,
    scriptState: scriptStateSchema.partial().optional(),
  })
  .strict();

const byId = z.object({ id: idSchema }).strict();
const byFirm = z.object({ firmId: idSchema }).strict();

export interface MessagePage {
  items: MessageRecord[];
  total: number;
}

/** Messages taken for the firms, their delivery by e-mail, and the firm's callers. */
export const messagesMethods = {
  'messages:saveDraft': method<MessageRecord>()(draftSchema),
  'messages:discardDraft': method<{ deleted: true }>()(byId),
  'messages:send': method<MessageRecord>()(draftSchema),
  'messages:correct': method<MessageRecord>()(z.object({ id: idSchema, content: messageContentSchema }).strict()),
  'messages:retry': method<MessageRecord>()(byId),
  'messages:markHandled': method<MessageRecord>()(byId),
  'messages:get': method<MessageDetail>()(byId),
  'messages:list': method<MessagePage>()(messageFilterSchema),
  /** Creates or updates the firm's contact from the message's caller (same number = same contact). */
  'messages:saveContact': method<{ contact: Contact; created: boolean }>()(byId),
  'messages:consignesSeen': method<{ previousVersion: number | null; currentVersion: number }>()(byFirm),
  'delivery:get': method<FirmDelivery>()(byFirm),
  'delivery:save': method<FirmDelivery>()(z.object({ firmId: idSchema, settings: firmDeliverySchema }).strict()),
  'smtp:get': method<SmtpSettingsView>()(z.object({}).strict()),
  'smtp:save': method<SmtpSettingsView>()(smtpSaveSchema),
  'smtp:verify': method<{ ok: true }>()(z.object({}).strict()),
  'contacts:importCsv': method<ContactImportReport>()(contactImportSchema),
};
