import type { EventName, EventPayload } from '../../shared/api';
import type { Db } from '../store/open';
import { createContactsRepository } from '../store/repositories/contacts';
import { createFirmsRepository } from '../store/repositories/firms';
import { createSettingsRepository } from '../store/repositories/settings';

export type Emit = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** What every service receives: the store's repositories, a clock and the event sink. */
export interface ServiceContext {
  db: Db;
  repos: {
    settings: ReturnType<typeof createSettingsRepository>;
    firms: ReturnType<typeof createFirmsRepository>;
    contacts: ReturnType<typeof createContactsRepository>;
  };
  now: () => number;
  emit: Emit;
  newId: () => string;
}

export function createServiceContext(
  db: Db,
  options: { now?: () => number; emit?: Emit; newId?: () => string } = {},
): ServiceContext {
  return {
    db,
    repos: {
      settings: createSettingsRepository(db),
      firms: createFirmsRepository(db),
      contacts: createContactsRepository(db),
    },
    now: options.now ?? Date.now,
    emit: options.emit ?? (() => undefined),
    newId: options.newId ?? (() => crypto.randomUUID()),
  };
}
