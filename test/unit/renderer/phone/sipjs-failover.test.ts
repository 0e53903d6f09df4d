// failoverTransport over the real sip.js 0.21 UserAgent and Transport, with a fake WebSocket: the URL each connect
// really opens and the Via transport that follows it.
import { UserAgent } from 'sip.js';
import { failoverTransport } from '../../../../renderer/phone/sipjs';

class FakeWebSocket extends EventTarget {
  static opened: string[] = [];
  static refused = new Set<string>();
  binaryType = 'blob';
  readyState = 0;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {
    super();
    FakeWebSocket.opened.push(url);
    setTimeout(() => {
      if (FakeWebSocket.refused.has(url)) {
        this.readyState = 3;
        this.dispatchEvent(Object.assign(new Event('close'), { code: 1006, wasClean: false }));
      } else {
        this.readyState = 1;
        this.dispatchEvent(new Event('open'));
      }
    }, 0);
  }
  send() {}
  close(code = 1000) {
    this.readyState = 3;
    setTimeout(() => this.dispatchEvent(Object.assign(new Event('close'), { code, wasClean: true })), 0);
  }
}

const servers = ['wss://pbx-a.example:8443/ws', 'ws://192.0.2.10:8080'];

beforeEach(() => {
  FakeWebSocket.opened = [];
  FakeWebSocket.refused = new Set();
  vi.stubGlobal('WebSocket', FakeWebSocket);
});
afterEach(() => vi.unstubAllGlobals());

function userAgent() {
  const transport = failoverTransport(servers);
  const ua = new UserAgent({
    uri: UserAgent.makeURI('sip:alice@permanence.lab'),
    transportConstructor: transport.Transport,
    transportOptions: { server: servers[0] },
    reconnectionAttempts: 0,
    logBuiltinEnabled: false,
  });
  return { ua, transport };
}

describe('failoverTransport', () => {
  it('opens the server chosen with use(), and the Via transport follows its scheme', async () => {
    const { ua, transport } = userAgent();
    FakeWebSocket.refused.add(servers[0]!);
    await expect(ua.start()).rejects.toThrow();
    expect(ua.transport.protocol).toBe('WSS');
    transport.use(1);
    await ua.reconnect();
    expect(FakeWebSocket.opened).toEqual(servers);
    expect(ua.isConnected()).toBe(true);
    expect(ua.transport.protocol).toBe('WS');
    expect(transport.current).toBe(1);
    await ua.stop();
  });

  it('refuses an index outside the list', () => {
    expect(() => failoverTransport(servers).use(2)).toThrow(RangeError);
  });
});
