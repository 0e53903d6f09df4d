import { createStore } from 'zustand/vanilla';
import type { CallView, LineView } from './types';

export interface PhoneState {
  line: LineView;
  /** Do not disturb / pause. */
  dnd: boolean;
  /** Every call of this session, oldest first; ended ones stay briefly for the card's closing state. */
  calls: CallView[];
  /** The call the keyboard acts on. */
  focusedCallId: string | null;
}

export function createPhoneStore(now: () => number = Date.now) {
  return createStore<PhoneState>()(() => ({
    line: {
      state: 'unconfigured',
      reason: null,
      since: now(),
      downSince: null,
      alert: false,
      attempt: 0,
      server: null,
      serverIndex: 0,
      serverCount: 0,
    },
    dnd: false,
    calls: [],
    focusedCallId: null,
  }));
}
export type PhoneStore = ReturnType<typeof createPhoneStore>;

export function updateCall(store: PhoneStore, id: string, patch: Partial<CallView>): void {
  store.setState((s) => ({ calls: s.calls.map((c) => (c.id === id ? { ...c, ...patch } : c)) }));
}

export function getCall(store: PhoneStore, id: string): CallView | undefined {
  return store.getState().calls.find((c) => c.id === id);
}

/** Calls still alive (ringing, dialing, connecting, active). */
export function liveCalls(state: PhoneState): CallView[] {
  return state.calls.filter((c) => c.state !== 'ended');
}

/** The call the keyboard acts on: the focused one if alive, else the ringing one, else the active one. */
export function currentCall(state: PhoneState): CallView | null {
  const live = liveCalls(state);
  return (
    live.find((c) => c.id === state.focusedCallId) ??
    live.find((c) => c.state === 'ringing' && c.direction === 'inbound' && !c.ignored) ??
    live.find((c) => c.state === 'active' && !c.held) ??
    live[0] ??
    null
  );
}
