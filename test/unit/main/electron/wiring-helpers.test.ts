import path from 'node:path';
import { createAppUrl } from '../../../../main/electron/app-url';
import { createEventSender } from '../../../../main/electron/events';
import { nativeDirName, resolveNativeBinding } from '../../../../main/electron/native';
import { FakeWebContents } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

describe('app URL', () => {
  const file = createAppUrl({ rendererIndex: '/opt/permanence/dist/renderer/index.html' });

  it('recognises its own page with any hash or query, and no other file', () => {
    expect(file.isAppUrl('file:///opt/permanence/dist/renderer/index.html?x=1#/firms')).toBe(true);
    expect(file.isAppUrl('file:///opt/permanence/dist/renderer/other.html')).toBe(false);
    expect(file.isAppUrl('https://opt/permanence/dist/renderer/index.html')).toBe(false);
    expect(file.isAppUrl(undefined)).toBe(false);
  });

  it('trusts the dev server origin in development', () => {
    const dev = createAppUrl({ rendererIndex: '/x/index.html', devUrl: 'http://127.0.0.1:5173' });
    expect(dev.url).toBe('http://127.0.0.1:5173/');
    expect(dev.isAppUrl('http://127.0.0.1:5173/src/main.tsx')).toBe(true);
    expect(dev.isAppUrl('http://127.0.0.1:5174/')).toBe(false);
    expect(dev.isAppOrigin('http://127.0.0.1:5173')).toBe(true);
  });

  it('refuses a dev URL that is not a loopback http server', () => {
    expect(() => createAppUrl({ rendererIndex: '/x/index.html', devUrl: 'https://example.com' })).toThrow(/loopback/);
  });
});

describe('Electron build of better-sqlite3-multiple-ciphers', () => {
  const where = { appRoot: '/repo', electronVersion: '39.8.10', platform: 'linux', arch: 'x64' };
  const dir = nativeDirName('39.8.10', 'linux', 'x64');

  it('is found in .native when running from sources', () => {
    const expected = path.join('/repo', '.native', dir, 'better_sqlite3_multiple_ciphers.node');
    expect(resolveNativeBinding({ ...where, resourcesPath: null }, (f) => f === expected)).toBe(expected);
  });

  it('is found in resources/native in a packaged app', () => {
    const expected = path.join('/app/resources', 'native', dir, 'better_sqlite3_multiple_ciphers.node');
    expect(resolveNativeBinding({ ...where, resourcesPath: '/app/resources' }, (f) => f === expected)).toBe(expected);
  });

  it('is null when missing, so better-sqlite3 falls back to its own binary', () => {
    expect(resolveNativeBinding({ ...where, resourcesPath: null }, () => false)).toBeNull();
  });
});

describe('events to the renderer', () => {
  it('sends contract events, OS ones included, each on its own channel', () => {
    const contents = new FakeWebContents();
    const sender = createEventSender(() => contents as never);
    sender.emit('firms:changed', { ids: ['f1'] });
    sender.emit('system:resumed', { at: 1 });
    expect(contents.send).toHaveBeenCalledWith('firms:changed', { ids: ['f1'] });
    expect(contents.send).toHaveBeenCalledWith('system:resumed', { at: 1 });
  });

  it('sends nothing once the window is gone', () => {
    const contents = new FakeWebContents();
    contents.destroyed = true;
    createEventSender(() => contents as never).emit('firms:changed', { ids: [] });
    expect(contents.send).not.toHaveBeenCalled();
  });
});
