/**
 * The contract between the renderer and main: every method the renderer may call and every event main may
 * push. Main binds each method to exactly one handler and validates every input with the schema here; the
 * preload and the harness client are generated from the same object.
 */
import { z } from 'zod';
import { event, method, type EventSpec, type MethodSpec } from './contract/define';
import { idSchema } from './domain/ids';
import { saveFirmInputSchema, type FirmDetail } from './domain/firm/aggregate';
import { contactInputSchema, type Contact } from './domain/firm/contact';
import type { FirmSummary } from './domain/firm/firm';
import { settingsPatchSchema, type Settings } from './domain/settings';
import type { WorkspaceImportReport } from './domain/workspace';

export * from './contract/errors';

const noInput = z.object({}).strict();

export interface AppInfo {
  version: string;
  dataDir: string;
  transport: 'electron' | 'harness';
}

export interface ContactPage {
  items: Contact[];
  total: number;
}

export const contract = {
  methods: {
    'app:info': method<AppInfo>()(noInput),

    'settings:get': method<Settings>()(noInput),
    'settings:update': method<Settings>()(settingsPatchSchema),

    'workspace:initialise': method<WorkspaceImportReport>()(
      z.object({ kind: z.enum(['demo', 'empty']) }).strict(),
    ),
    'workspace:import': method<WorkspaceImportReport>()(
      z.object({ content: z.string().min(1).max(200_000_000) }).strict(),
    ),
    'workspace:export': method<{ content: string; fileName: string }>()(noInput),

    'firms:list': method<FirmSummary[]>()(noInput),
    'firms:get': method<FirmDetail>()(z.object({ id: idSchema }).strict()),
    'firms:save': method<FirmDetail>()(saveFirmInputSchema.strict()),
    'firms:archive': method<{ archived: true }>()(z.object({ id: idSchema }).strict()),

    'contacts:list': method<ContactPage>()(
      z
        .object({
          firmId: idSchema,
          query: z.string().max(200).default(''),
          limit: z.number().int().min(1).max(500).default(100),
          offset: z.number().int().min(0).default(0),
        })
        .strict(),
    ),
    'contacts:save': method<Contact>()(
      z.object({ firmId: idSchema, id: idSchema.optional(), contact: contactInputSchema }).strict(),
    ),
    'contacts:delete': method<{ deleted: true }>()(z.object({ firmId: idSchema, id: idSchema }).strict()),
  },
  events: {
    'firms:changed': event<{ ids: string[] }>(),
    'settings:changed': event<Settings>(),
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
