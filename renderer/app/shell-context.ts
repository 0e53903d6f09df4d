import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { FirmDetail } from '../../shared/domain/firm/aggregate';

export interface ShellState {
  view: string;
  /** The firm the secretary is looking at, for the status bar's open/closed badge. */
  currentFirm: FirmDetail | null;
  setView(view: string): void;
  setCurrentFirm(firm: FirmDetail | null): void;
}

export function createShellStore() {
  return createStore<ShellState>()((set) => ({
    view: 'firms',
    currentFirm: null,
    setView: (view) => set({ view }),
    setCurrentFirm: (currentFirm) => set({ currentFirm }),
  }));
}
export type ShellStore = ReturnType<typeof createShellStore>;

export const ShellContext = createContext<ShellStore | null>(null);

export function useShellStore<T>(selector: (state: ShellState) => T): T {
  const store = useContext(ShellContext);
  if (!store) throw new Error('useShellStore outside ShellContext');
  return useStore(store, selector);
}
