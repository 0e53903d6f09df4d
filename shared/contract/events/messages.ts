import { event } from '../define';
import type { MessageStatus } from '../../domain/message';

export const messagesEvents = {
  /** A message was saved, queued, delivered, failed or handled: lists update their row live. */
  'messages:changed': event<{ id: string; firmId: string; status: MessageStatus }>(),
};
