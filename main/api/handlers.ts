import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api';
import type { Services } from '../services';

export type Handler<M extends MethodName> = (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

/** Exactly one handler per contract method: the mapped type makes a missing or extra one a compile error. */
export function createHandlers(services: Services): Handlers {
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
  };
}
