import { event } from '../define';

export const invoicesEvents = {
  /** Invoices of this month were issued, credited, paid or sent. */
  'invoices:changed': event<{ month: string }>(),
};
