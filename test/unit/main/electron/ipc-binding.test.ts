import { METHOD_NAMES, type Envelope } from '../../../../shared/api';
import { bindIpc } from '../../../../main/api/ipc';
import { createAppUrl } from '../../../../main/electron/app-url';
import { createDispatcher } from '../../../../main/api/dispatch';
import { createHandlers } from '../../../../main/api/handlers';
import { openTestContext } from '../../../fixtures/factories';
import { ipcMain, resetFakeElectron } from '../../../fakes/electron';

const appUrl = createAppUrl({ rendererIndex: '/opt/permanence/dist/renderer/index.html' });
const OWN = 'file:///opt/permanence/dist/renderer/index.html';

function bind() {
  const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => ({ ok: true, value: 'done' }));
  const logger = { error: vi.fn() };
  const unbind = bindIpc({ ipcMain, dispatch, isTrustedUrl: (url) => appUrl.isAppUrl(url), logger });
  return { dispatch, logger, unbind };
}

function invoke(channel: string, frame: { url: string; parent: unknown } | null, input: unknown = {}) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ senderFrame: frame }, input) as Promise<Envelope<unknown>>;
}

beforeEach(() => resetFakeElectron());

describe('IPC binding', () => {
  it('registers every contract method exactly once, and nothing else', () => {
    bind();
    const channels = ipcMain.handle.mock.calls.map((call) => call[0]);
    expect([...channels].sort()).toEqual([...METHOD_NAMES].sort());
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('forwards a call from the app page to the dispatcher', async () => {
    const { dispatch } = bind();
    await expect(invoke('firms:get', { url: `${OWN}#/firms`, parent: null }, { id: 'f1' })).resolves.toEqual({
      ok: true,
      value: 'done',
    });
    expect(dispatch).toHaveBeenCalledWith('firms:get', { id: 'f1' });
  });

  it.each([
    ['another site', { url: 'https://evil.example/', parent: null }],
    ['another local file', { url: 'file:///tmp/evil.html', parent: null }],
    ['a sub-frame of the app', { url: OWN, parent: {} }],
    ['a destroyed frame', null],
  ])('rejects a call from %s with FORBIDDEN without running the handler', async (_label, frame) => {
    const { dispatch, logger } = bind();
    const envelope = await invoke('firms:archive', frame, { id: 'f1' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalled();
  });

  it('removes every handler when unbound', () => {
    const { unbind } = bind();
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

/** What a compromised or buggy page can push through ipcRenderer.invoke (and more: main must not trust the clone). */
function garbage(): Array<[string, unknown]> {
  const cycle: Record<string, unknown> = { id: 'f1' };
  cycle.self = cycle;
  const throwingGetter = Object.defineProperty({}, 'id', {
    enumerable: true,
    get() {
      throw new Error('getter trap');
    },
  });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  return [
    ['undefined', undefined],
    ['a number', 42],
    ['a bigint', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => 'x'],
    ['an array of a million items', new Array(1_000_000).fill('x')],
    ['a 50 MB string', 'x'.repeat(50_000_000)],
    ['an id of 50 MB', { id: 'a'.repeat(50_000_000) }],
    ['wrong types', { id: 42, firmId: [], content: { fields: 12 } }],
    ['an own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "id": "f1"}')],
    ['a constructor.prototype key', { constructor: { prototype: { polluted: true } } }],
    ['a cycle', cycle],
    ['a getter that throws', throwingGetter],
    ['a revoked proxy', revoked.proxy],
    ['a Map', new Map([['id', 'f1']])],
  ];
}

describe('IPC binding against garbage from the renderer', () => {
  function bindReal() {
    const t = openTestContext();
    const logger = { error: vi.fn() };
    const dispatch = createDispatcher(createHandlers(t.services), logger);
    bindIpc({ ipcMain, dispatch, isTrustedUrl: (url) => appUrl.isAppUrl(url), logger });
    return { t, logger };
  }
  const own = { url: `${OWN}#/`, parent: null };

  it.each(METHOD_NAMES.filter((name) => !name.startsWith('app:') && name !== 'workspace:export'))(
    '%s answers every kind of garbage with an envelope, writes nothing and pollutes no prototype',
    async (name) => {
      const { t } = bindReal();
      await t.client.workspace.initialise({ kind: 'demo' });
      const firms = await t.client.firms.list({});
      for (const [label, input] of garbage()) {
        const envelope = await invoke(name, own, input);
        if (envelope.ok) {
          // Only what carries no key at all reads as `{}`: methods that take nothing (or only defaults) answer.
          expect(['undefined', 'a Map'], `${name} accepted ${label}`).toContain(label);
          continue;
        }
        expect(['VALIDATION', 'NOT_FOUND', 'CONFLICT'], `${name} ← ${label}`).toContain(envelope.error.code);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(await t.client.firms.list({})).toEqual(firms);
      t.close();
    },
  );

  it('a frame whose url getter throws (disposed) is refused, not fatal', async () => {
    const { dispatch, logger } = bind();
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    };
    await expect(invoke('firms:list', disposed)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    expect(logger.error).toHaveBeenCalled();
  });

  it('a dispatcher or logger that throws still ends in an INTERNAL envelope', async () => {
    const dispatch = vi.fn(async (): Promise<Envelope<unknown>> => {
      throw new Error('boom');
    });
    const logger = {
      error: vi.fn(() => {
        throw new Error('ENOSPC');
      }),
    };
    bindIpc({ ipcMain, dispatch, isTrustedUrl: (url) => appUrl.isAppUrl(url), logger });
    await expect(invoke('firms:list', { url: OWN, parent: null })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('registers no channel outside the contract: an unknown channel reaches no handler', () => {
    bindReal().t.close();
    for (const channel of ['store:drop', '__proto__', 'constructor', 'firms:list ', '']) {
      expect(ipcMain.handlers.has(channel)).toBe(false);
    }
  });
});
