// @vitest-environment jsdom
import { fireEvent, renderHook } from '@testing-library/react';
import { createStore } from 'zustand/vanilla';
import { useAppLock } from '../../../../renderer/features/privacy/lock/use-app-lock';
import type { Phone } from '../../../../renderer/phone';
import type { LockStatus } from '../../../../shared/domain/lock';

const status = (patch: Partial<LockStatus> = {}): LockStatus => ({
  state: 'unlocked',
  enabled: true,
  idleMinutes: 1,
  hasPassphrase: true,
  needsSetup: false,
  retryAt: null,
  ...patch,
});

/** Only what the idle timer reads of the phone: its calls. */
function phoneWith(states: string[]) {
  const store = createStore(() => ({ calls: states.map((state, i) => ({ id: `c${i}`, state })) }));
  return { phone: { store } as unknown as Phone, store };
}

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe('idle lock', () => {
  it('locks after the idle time she chose, and any key or mouse move starts it again', () => {
    const lock = vi.fn();
    renderHook(() => useAppLock(status({ idleMinutes: 3 }), null, lock));
    vi.advanceTimersByTime(179_000);
    fireEvent.keyDown(window, { key: 'a' });
    vi.advanceTimersByTime(179_000);
    fireEvent.pointerMove(window);
    vi.advanceTimersByTime(179_000);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(lock).toHaveBeenCalledWith('idle');
  });

  it('does not lock during a call; the idle time starts when the last call ends', () => {
    const lock = vi.fn();
    const { phone, store } = phoneWith(['active']);
    renderHook(() => useAppLock(status(), phone, lock));
    vi.advanceTimersByTime(10 * 60_000);
    expect(lock).not.toHaveBeenCalled();
    store.setState({ calls: [{ id: 'c0', state: 'ended' }] });
    vi.advanceTimersByTime(59_000);
    expect(lock).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(lock).toHaveBeenCalledWith('idle');
  });

  it('Ctrl+Maj+L locks at once; nothing happens while the lock is off or already locked', () => {
    const lock = vi.fn();
    const { rerender } = renderHook(({ s }) => useAppLock(s, null, lock), { initialProps: { s: status() } });
    fireEvent.keyDown(window, { key: 'L', ctrlKey: true, shiftKey: true });
    expect(lock).toHaveBeenCalledWith('shortcut');
    lock.mockClear();
    for (const s of [status({ enabled: false }), status({ state: 'locked' })]) {
      rerender({ s });
      fireEvent.keyDown(window, { key: 'L', ctrlKey: true, shiftKey: true });
      vi.advanceTimersByTime(20 * 60_000);
    }
    expect(lock).not.toHaveBeenCalled();
  });
});
