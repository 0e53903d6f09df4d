// createSipJsUserAgent over a fake sip.js: what the line hears from the Registerer.
import { sipAccountSchema } from '../../../../shared/domain/sip-account';
import type { UserAgentListener } from '../../../../renderer/phone/types';

const fake = vi.hoisted(() => {
  type Listener = (state: string) => void;
  const RegistererState = { Initial: 'Initial', Registered: 'Registered', Unregistered: 'Unregistered' };
  class Registerer {
    static all: Registerer[] = [];
    state = RegistererState.Initial;
    listeners: Listener[] = [];
    stateChange = { addListener: (l: Listener) => this.listeners.push(l) };
    constructor() {
      Registerer.all.push(this);
    }
    /** Like sip.js: the state change fires only on a transition; requestDelegate.onAccept on every 200. */
    async register(options: { requestDelegate?: { onAccept?(r: unknown): void } }) {
      const accept = () => {
        if (this.state !== RegistererState.Registered) {
          this.state = RegistererState.Registered;
          this.listeners.forEach((l) => l(this.state));
        }
        options.requestDelegate?.onAccept?.({});
      };
      queueMicrotask(accept);
    }
    async dispose() {}
    async unregister() {}
  }
  class UserAgent {
    static makeURI(s: string) {
      const m = /^sip:([^@]+)@(.+)$/.exec(s);
      return m ? { user: m[1], host: m[2], toString: () => s } : undefined;
    }
    constructor(readonly options: unknown) {}
    async start() {}
    async reconnect() {}
    isConnected() {
      return true;
    }
    async stop() {}
  }
  return { Registerer, RegistererState, UserAgent };
});

vi.mock('sip.js', () => ({
  Registerer: fake.Registerer,
  RegistererState: fake.RegistererState,
  UserAgent: fake.UserAgent,
  Invitation: class {},
  Inviter: class {},
  SessionState: {},
  Web: { holdModifier: () => undefined, Transport: class {} },
}));

const { createSipJsUserAgent } = await import('../../../../renderer/phone/sipjs');

const account = sipAccountSchema.parse({
  uri: 'sip:alice@permanence.lab',
  servers: ['ws://127.0.0.1:5066'],
});

function listener(): UserAgentListener & { registered: number } {
  return {
    registered: 0,
    onConnect() {},
    onDisconnect() {},
    onRegistered() {
      this.registered++;
    },
    onRegistrationFailed() {},
    onInvite() {},
  };
}

describe('sip.js user agent: registration reports', () => {
  it('reports "registered" again when a REGISTER after a reconnect is accepted while sip.js still says Registered', async () => {
    const ua = createSipJsUserAgent({ account, password: 'pw' });
    const l = listener();
    ua.listen(l);
    await ua.register();
    await Promise.resolve();
    expect(l.registered).toBeGreaterThanOrEqual(1);
    const afterFirst = l.registered;
    // The socket dropped and came back (Kamailio restarted, registrations lost): the Registerer never left
    // "Registered", so no stateChange fires for the new 200 OK. The line must still hear about it.
    await ua.register();
    await Promise.resolve();
    expect(l.registered).toBeGreaterThan(afterFirst);
  });
});
