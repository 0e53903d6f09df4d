import {
  buildClient,
  PermanenceError,
  type Envelope,
  type EventName,
  type MethodName,
  type PermanenceClient,
} from '../../shared/api';

/**
 * What Electron's preload exposes as `window.permanence`: the contract's shape, but every method resolves with the
 * dispatcher's envelope, because contextBridge strips an Error's code and issues (see main/electron/preload.ts).
 */
export type ElectronBridge = {
  [D in Exclude<keyof PermanenceClient, 'events'>]: {
    [V in keyof PermanenceClient[D]]: (input: unknown) => Promise<Envelope<unknown>>;
  };
} & { events: PermanenceClient['events'] };

/** Turns the bridge into the client the UI uses: values on success, PermanenceError (code, issues) on failure. */
export function fromElectronBridge(bridge: ElectronBridge): PermanenceClient {
  const methods = bridge as unknown as Record<string, Record<string, (input: unknown) => Promise<Envelope<unknown>>>>;
  return buildClient(
    async (name: MethodName, input: unknown) => {
      const [domain, verb] = name.split(':') as [string, string];
      const fn = methods[domain]?.[verb];
      if (!fn) throw new PermanenceError('UNAVAILABLE', `Méthode absente du preload : ${name}.`);
      let envelope: Envelope<unknown>;
      try {
        envelope = await fn(input);
      } catch (error) {
        // Only the transport fails here (main not ready, window closing): handlers answer with envelopes.
        throw new PermanenceError('UNAVAILABLE', `Permanence ne répond pas (${errorText(error)}).`);
      }
      if (envelope.ok) return envelope.value;
      throw new PermanenceError(
        envelope.error.code,
        envelope.error.message,
        envelope.error.issues,
        envelope.error.text,
      );
    },
    (name: EventName, listener: (payload: unknown) => void) => bridge.events.subscribe(name, listener),
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
