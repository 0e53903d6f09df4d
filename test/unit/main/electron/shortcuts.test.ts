import { createCallShortcuts, DEFAULT_CALL_SHORTCUTS } from '../../../../main/electron/shortcuts';
import { globalShortcut, resetFakeElectron } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

beforeEach(() => resetFakeElectron());

describe('global call shortcuts', () => {
  it('registers answer and hang-up, and each key triggers its action', () => {
    const onAction = vi.fn();
    const report = createCallShortcuts(onAction).apply(DEFAULT_CALL_SHORTCUTS);
    expect(report).toEqual({ registered: DEFAULT_CALL_SHORTCUTS, conflicts: [] });
    globalShortcut.registered.get(DEFAULT_CALL_SHORTCUTS.answer ?? '')?.();
    globalShortcut.registered.get(DEFAULT_CALL_SHORTCUTS.hangup ?? '')?.();
    expect(onAction.mock.calls).toEqual([['answer'], ['hangup']]);
  });

  it('replaces its previous keys when reconfigured, leaving no stale registration', () => {
    const shortcuts = createCallShortcuts(vi.fn());
    shortcuts.apply(DEFAULT_CALL_SHORTCUTS);
    shortcuts.apply({ answer: 'CommandOrControl+Shift+A', hangup: null });
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+A']);
  });

  it('unregisters only its own keys on release', () => {
    globalShortcut.registered.set('Alt+F1', () => undefined); // another module's shortcut
    const shortcuts = createCallShortcuts(vi.fn());
    shortcuts.apply(DEFAULT_CALL_SHORTCUTS);
    shortcuts.release();
    expect([...globalShortcut.registered.keys()]).toEqual(['Alt+F1']);
    expect(globalShortcut.unregisterAll).not.toHaveBeenCalled();
  });

  it('reports a key held by another application as taken, and still registers the other', () => {
    globalShortcut.takenElsewhere.add('CommandOrControl+Shift+F9');
    const report = createCallShortcuts(vi.fn()).apply(DEFAULT_CALL_SHORTCUTS);
    expect(report.conflicts).toEqual([{ action: 'answer', accelerator: 'CommandOrControl+Shift+F9', reason: 'taken' }]);
    expect(report.registered).toEqual({ hangup: 'CommandOrControl+Shift+F10' });
  });

  it('reports the same key for both actions as a duplicate', () => {
    const report = createCallShortcuts(vi.fn()).apply({ answer: 'F8', hangup: 'f8' });
    expect(report.conflicts).toEqual([{ action: 'hangup', accelerator: 'f8', reason: 'duplicate' }]);
  });

  it('reports an accelerator Electron cannot parse as invalid instead of crashing', () => {
    const report = createCallShortcuts(vi.fn()).apply({ answer: 'Nonsense+Key', hangup: null });
    expect(report.conflicts).toEqual([{ action: 'answer', accelerator: 'Nonsense+Key', reason: 'invalid' }]);
  });
});
