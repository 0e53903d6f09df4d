import { event } from '../define';

export const callsEvents = {
  'calls:changed': event<{ id: string }>(),
};
