/**
 * The contract between the renderer and main: every method the renderer may call and every event main may
 * push. Main binds each method to exactly one handler and validates every input with the schema here; the
 * preload and the harness client are generated from the same object.
 *
 * Each feature declares its methods in shared/contract/methods/FEATURE.ts and its events in
 * shared/contract/events/FEATURE.ts; this file only assembles them.
 */
import type { z } from 'zod';
import type { EventSpec, MethodSpec } from './contract/define';
import { coreEvents } from './contract/events/core';
import { systemEvents } from './contract/events/system';
import { coreMethods } from './contract/methods/core';
import { callsEvents } from './contract/events/calls';
import { callsMethods } from './contract/methods/calls';
import { messagesEvents } from './contract/events/messages';
import { messagesMethods } from './contract/methods/messages';
import { sipEvents } from './contract/events/sip';
import { sipMethods } from './contract/methods/sip';
import { timesheetsEvents } from './contract/events/timesheets';
import { timesheetsMethods } from './contract/methods/timesheets';
import { recoveryMethods } from './contract/methods/recovery';
import { invoicesEvents } from './contract/events/invoices';
import { invoicesMethods } from './contract/methods/invoices';
import { privacyMethods } from './contract/methods/privacy';
import { agendaEvents } from './contract/events/agenda';
import { agendaMethods } from './contract/methods/agenda';
import { agendaSyncEvents } from './contract/events/agenda-sync';
import { agendaSyncMethods } from './contract/methods/agenda-sync';
import { lockMethods } from './contract/methods/lock';
import { lockEvents } from './contract/events/lock';

export * from './contract/errors';
export type { AppInfo, ContactPage } from './contract/methods/core';
export type { CallerLookup } from './contract/methods/calls';

export const contract = {
  methods: {
    ...coreMethods,
    ...callsMethods,
    ...messagesMethods,
    ...sipMethods,
    ...timesheetsMethods,
    ...recoveryMethods,
    ...invoicesMethods,
    ...privacyMethods,
    ...agendaMethods,
    ...agendaSyncMethods,
    ...lockMethods,
  },
  events: {
    ...coreEvents,
    ...systemEvents,
    ...callsEvents,
    ...messagesEvents,
    ...sipEvents,
    ...timesheetsEvents,
    ...invoicesEvents,
    ...agendaEvents,
    ...agendaSyncEvents,
    ...lockEvents,
  },
} as const satisfies {
  methods: Record<string, MethodSpec<z.ZodType, unknown>>;
  events: Record<string, EventSpec<unknown>>;
};

type Methods = typeof contract.methods;
type Events = typeof contract.events;

export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Methods[M] extends MethodSpec<z.ZodType, infer O> ? O : never;
export type EventPayload<E extends EventName> = Events[E] extends EventSpec<infer P> ? P : never;

export const METHOD_NAMES = Object.keys(contract.methods) as MethodName[];
export const EVENT_NAMES = Object.keys(contract.events) as EventName[];

type DomainOf<M extends string> = M extends `${infer D}:${string}` ? D : never;
type VerbOf<M extends string, D extends string> = M extends `${D}:${infer V}` ? V : never;
export type Domain = DomainOf<MethodName>;

/** `window.permanence`: one function per method (`permanence.firms.save(...)`), nothing generic. */
export type PermanenceClient = {
  [D in Domain]: {
    [M in MethodName as VerbOf<M, D>]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
  };
} & {
  events: {
    subscribe<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  };
};

/** Builds the client object from a transport that can call one named method; used by preload and harness. */
export function buildClient(
  call: (name: MethodName, input: unknown) => Promise<unknown>,
  subscribe: (name: EventName, listener: (payload: unknown) => void) => () => void,
): PermanenceClient {
  const client: Record<string, Record<string, unknown>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, verb] = name.split(':') as [string, string];
    client[domain] ??= {};
    client[domain][verb] = (input: unknown) => call(name, input);
  }
  client.events = {
    subscribe: (name: EventName, listener: (payload: unknown) => void) => {
      if (!EVENT_NAMES.includes(name)) throw new Error(`unknown event ${String(name)}`);
      return subscribe(name, listener);
    },
  };
  return client as unknown as PermanenceClient;
}
