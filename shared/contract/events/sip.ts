import { event } from '../define';

export const sipEvents = {
  /** The account was saved: the softphone re-reads its credentials and registers again. */
  'sip:accountChanged': event<Record<string, never>>(),
};
