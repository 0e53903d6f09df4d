import { PermanenceError } from '../../shared/api';
import type { Contact, ContactInput } from '../../shared/domain/firm/contact';
import { toE164 } from '../../shared/domain/phone';
import type { MessagesRepository } from '../store/repositories/messages';
import type { ServiceContext } from './context';
import { mergeInto } from './contacts-import';

/**
 * "Enregistrer l'appelant" in one keystroke: the message's caller becomes (or updates) a contact of the firm.
 * A contact already holding the number is the same person: it is updated, never duplicated.
 */
export function saveContactFromMessage(
  ctx: ServiceContext,
  messages: MessagesRepository,
  messageId: string,
): { contact: Contact; created: boolean } {
  const result = ctx.db.transaction(() => {
    const message = messages.get(messageId);
    if (!message) throw new PermanenceError('NOT_FOUND', 'Ce message n’existe pas.');
    const name = message.callerName.trim() || message.callerCompany.trim();
    if (!name)
      throw new PermanenceError('VALIDATION', 'Indiquez le nom de l’appelant avant de l’enregistrer comme contact.');
    const phone = message.callerPhone ? toE164(message.callerPhone) : null;
    if (message.callerPhone.trim() && !phone)
      throw new PermanenceError('VALIDATION', 'Le numéro de l’appelant est invalide.');
    const incoming: ContactInput = {
      name,
      company: message.callerCompany.trim(),
      phones: phone ? [phone] : [],
      email: message.callerEmail.trim(),
      notes: '',
      vip: false,
      doNotTransfer: false,
    };
    const byPhone = phone ? ctx.repos.contacts.findByPhone(message.firmId, phone)[0] : undefined;
    const linked = message.contactId ? ctx.repos.contacts.get(message.firmId, message.contactId) : null;
    const existing = byPhone ?? linked ?? null;
    const id = existing?.id ?? ctx.newId();
    ctx.repos.contacts.upsert(message.firmId, id, existing ? mergeInto(existing, incoming) : incoming, ctx.now());
    messages.setContact(message.id, id, ctx.now());
    return { contact: ctx.repos.contacts.get(message.firmId, id)!, created: !existing };
  })();
  return result;
}
