import { PermanenceError } from '../../shared/api';
import type { Contact, ContactInput } from '../../shared/domain/firm/contact';
import type { ServiceContext } from './context';

export function createContactsService(ctx: ServiceContext) {
  const { contacts, firms } = ctx.repos;

  function requireFirm(firmId: string): void {
    if (!firms.revisionOf(firmId)) throw new PermanenceError('NOT_FOUND', 'Ce cabinet n’existe pas.');
  }

  return {
    list(input: { firmId: string; query: string; limit: number; offset: number }) {
      requireFirm(input.firmId);
      return contacts.list(input.firmId, input.query, input.limit, input.offset);
    },
    findByPhone(firmId: string, e164: string): Contact[] {
      return contacts.findByPhone(firmId, e164);
    },
    save(input: { firmId: string; id?: string | undefined; contact: ContactInput }): Contact {
      requireFirm(input.firmId);
      const id = input.id ?? ctx.newId();
      const owner = contacts.firmOf(id);
      if (owner && owner !== input.firmId) {
        throw new PermanenceError('CONFLICT', 'Ce contact appartient à un autre cabinet.');
      }
      ctx.db.transaction(() => contacts.upsert(input.firmId, id, input.contact, ctx.now()))();
      return contacts.get(input.firmId, id)!;
    },
    delete(firmId: string, id: string): { deleted: true } {
      const deleted = ctx.db.transaction(() => contacts.delete(firmId, id))();
      if (!deleted) throw new PermanenceError('NOT_FOUND', 'Ce contact n’existe pas.');
      return { deleted: true };
    },
  };
}
export type ContactsService = ReturnType<typeof createContactsService>;
