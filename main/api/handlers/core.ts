import { publicHolidaysOfYear } from '../../../shared/domain/billing/holidays';
import type { coreMethods } from '../../../shared/contract/methods/core';
import type { Services } from '../../services';
import type { HandlersFor } from './types';

export function createCoreHandlers(services: Services): HandlersFor<keyof typeof coreMethods> {
  return {
    'app:info': () => services.info,
    'settings:get': () => services.settings.get(),
    'settings:update': (patch) => services.settings.update(patch),
    'workspace:initialise': ({ kind }) => services.workspace.initialise(kind),
    'workspace:import': ({ content }) => services.workspace.importContent(content),
    'workspace:export': () => services.workspace.exportContent(),
    'firms:list': () => services.firms.list(),
    'firms:get': ({ id }) => services.firms.get(id),
    'firms:save': (input) => services.firms.save(input),
    'firms:archive': ({ id }) => services.firms.archive(id),
    'contacts:list': (input) => services.contacts.list(input),
    'contacts:save': (input) => services.contacts.save(input),
    'contacts:delete': ({ firmId, id }) => services.contacts.delete(firmId, id),
    'calendar:publicHolidays': ({ region, fromYear, toYear }) => {
      const dates: string[] = [];
      for (let year = fromYear; year <= toYear; year += 1) dates.push(...publicHolidaysOfYear(year, region));
      return dates.sort();
    },
  };
}
