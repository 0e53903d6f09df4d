import { event } from '../define';
import type { Settings } from '../../domain/settings';

export const coreEvents = {
  'firms:changed': event<{ ids: string[] }>(),
  'settings:changed': event<Settings>(),
};
