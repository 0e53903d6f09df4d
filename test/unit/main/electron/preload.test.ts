import { EVENT_NAMES, METHOD_NAMES, PermanenceError, type PermanenceClient } from '../../../../shared/api';
import { fromElectronBridge, type ElectronBridge } from '../../../../renderer/api/electron-client';
import { contextBridge, ipcRenderer, resetFakeElectron } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

let exposed: { calls: number; key: unknown; bridge: ElectronBridge };

// Runs the preload once, as Electron would, and keeps what it exposed (the fake's call log is reset per test).
beforeAll(async () => {
  await import('../../../../main/electron/preload');
  const calls = contextBridge.exposeInMainWorld.mock.calls;
  const [key, bridge] = calls[0] as [unknown, ElectronBridge];
  exposed = { calls: calls.length, key, bridge };
});

function loadPreload(): { key: unknown; bridge: ElectronBridge } {
  return exposed;
}

function expectedShape(): Record<string, string[]> {
  const shape: Record<string, string[]> = { events: ['subscribe'] };
  for (const name of METHOD_NAMES) {
    const [domain, verb] = name.split(':') as [string, string];
    (shape[domain] ??= []).push(verb);
  }
  return shape;
}

beforeEach(() => resetFakeElectron());

describe('preload', () => {
  it('exposes only window.permanence, with one function per contract method and nothing else', async () => {
    const { key, bridge } = loadPreload();
    expect(exposed.calls).toBe(1);
    expect(key).toBe('permanence');
    const actual: Record<string, string[]> = {};
    for (const [domain, functions] of Object.entries(bridge)) {
      actual[domain] = Object.keys(functions as object);
      for (const fn of Object.values(functions as object)) expect(typeof fn).toBe('function');
    }
    const sort = (shape: Record<string, string[]>) =>
      Object.fromEntries(
        Object.entries(shape)
          .map(([domain, verbs]) => [domain, [...verbs].sort()])
          .sort(),
      );
    expect(sort(actual)).toEqual(sort(expectedShape()));
    expect(JSON.stringify(bridge)).not.toMatch(/ipcRenderer|invoke|send/);
  });

  it('calls each method on its own channel with the input as given', async () => {
    const { bridge } = loadPreload();
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: [] });
    await expect(bridge.firms.list({})).resolves.toEqual({ ok: true, value: [] });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('firms:list', {});
  });

  it('forwards event payloads without the IPC event object, and unsubscribes', async () => {
    const { bridge } = loadPreload();
    const name = EVENT_NAMES[0];
    if (!name) throw new Error('the contract declares no event');
    const listener = vi.fn();
    const unsubscribe = bridge.events.subscribe(name, listener);
    ipcRenderer.emit(name, { sender: ipcRenderer }, { ids: ['a'] });
    expect(listener).toHaveBeenCalledWith({ ids: ['a'] });
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    ipcRenderer.emit(name, { sender: ipcRenderer }, { ids: ['b'] });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('refuses to subscribe to a channel the contract does not declare', async () => {
    const { bridge } = loadPreload();
    expect(() => bridge.events.subscribe('ipc:anything' as never, vi.fn())).toThrow(/unknown event/);
    expect(ipcRenderer.listenerCount('ipc:anything')).toBe(0);
  });
});

describe('renderer adapter over the preload', () => {
  function client(): PermanenceClient {
    return fromElectronBridge(loadPreload().bridge);
  }

  it('returns the value of a successful call', async () => {
    const api = client();
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { version: '1.0.0' } });
    await expect(api.app.info({})).resolves.toEqual({ version: '1.0.0' });
  });

  it('throws a PermanenceError carrying the code and field issues of a refused call', async () => {
    const api = client();
    const issues = [{ path: 'profile.name', message: 'required' }];
    ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'VALIDATION', message: 'Données refusées', issues },
    });
    const error = await api.firms.get({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanenceError);
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'Données refusées', issues });
  });

  it('reports a broken transport as UNAVAILABLE', async () => {
    const api = client();
    ipcRenderer.invoke.mockRejectedValueOnce(new Error("No handler registered for 'firms:list'"));
    await expect(api.firms.list({})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
