import {
  contract,
  describeIssues,
  issuesFromZod,
  PermanenceError,
  type Envelope,
  type MethodName,
} from '../../shared/api';
import { diskFullPayload, isDiskFull } from './disk-full';
import type { Handlers } from './handlers';

export interface Logger {
  error(message: string, detail?: unknown): void;
}

/**
 * The one wrapper every transport goes through: unknown method → refused, input parsed with the contract's
 * schema before any handler runs (so malformed input can never write), errors turned into {code, message}.
 */
export function createDispatcher(handlers: Handlers, logger: Logger) {
  return async function dispatch(name: string, rawInput: unknown): Promise<Envelope<unknown>> {
    if (!Object.hasOwn(contract.methods, name)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: `Méthode inconnue : ${name}` } };
    }
    const methodName = name as MethodName;
    let parsed: ReturnType<(typeof contract.methods)[MethodName]['input']['safeParse']>;
    try {
      parsed = contract.methods[methodName].input.safeParse(rawInput ?? {});
    } catch (error) {
      // A value no transport should deliver (a proxy whose getters throw, a revoked proxy): refused, not fatal.
      logger.error(`input of ${name} could not be read`, error instanceof Error ? error.message : String(error));
      return { ok: false, error: { code: 'VALIDATION', message: 'Données refusées : entrée illisible.' } };
    }
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error);
      return {
        ok: false,
        error: { code: 'VALIDATION', message: `Données refusées : ${describeIssues(issues)}`, issues },
      };
    }
    try {
      const handler = handlers[methodName] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof PermanenceError) return { ok: false, error: error.toPayload() };
      if (isDiskFull(error)) {
        logger.error(`handler ${name}: disk full`, error); // the logger never throws, even on this full disk
        return { ok: false, error: diskFullPayload(name) };
      }
      logger.error(`handler ${name} failed`, error);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Une erreur interne est survenue ; le détail est dans le journal.' },
      };
    }
  };
}
export type Dispatch = ReturnType<typeof createDispatcher>;
