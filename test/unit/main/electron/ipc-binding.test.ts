import { METHOD_NAMES, type Envelope } from '../../../../shared/api';
import { bindIpc } from '../../../../main/api/ipc';
import { createAppUrl } from '../../../../main/electron/app-url';
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
