import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import type { Phone } from '../phone';

export interface ShellState {
  view: string;
  /** The firm the secretary is looking at, for the status bar's open/closed badge. */
  currentFirm: FirmDetail | null;
  setView(view: string): void;
  setCurrentFirm(firm: FirmDetail | null): void;
  /** The softphone, once PhoneLayer has created it (LineStatus and the call log read it from here). */
  phone: Phone | null;
  setPhone(phone: Phone | null): void;
  /** The call the call desk is open for (set when a call is answered). */
  callDesk: { firmId: string; callId: string } | null;
  setCallDesk(desk: { firmId: string; callId: string } | null): void;
  /** The settings dialog (Ctrl+, or a screen's « Réglages » link, e.g. to set up the SMTP account). */
  settingsOpen: boolean;
  setSettingsOpen(open: boolean): void;
}

export function createShellStore() {
  return createStore<ShellState>()((set) => ({
    view: 'firms',
    currentFirm: null,
    // The desk during a call covers the screens: going to one leaves the desk (its draft is kept; the call card's
    // "Prendre un message" reopens it).
    setView: (view) => set({ view, callDesk: null }),
    setCurrentFirm: (currentFirm) => set({ currentFirm }),
    phone: null,
    setPhone: (phone) => set({ phone }),
    callDesk: null,
    setCallDesk: (callDesk) => set({ callDesk }),
    settingsOpen: false,
    setSettingsOpen: (settingsOpen) => set({ settingsOpen }),
  }));
}
export type ShellStore = ReturnType<typeof createShellStore>;

export const ShellContext = createContext<ShellStore | null>(null);

export function useShellStore<T>(selector: (state: ShellState) => T): T {
  const store = useContext(ShellContext);
  if (!store) throw new Error('useShellStore outside ShellContext');
  return useStore(store, selector);
}
