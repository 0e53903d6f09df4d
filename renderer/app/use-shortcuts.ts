import { useEffect, useRef } from 'react';

export interface Shortcuts {
  save?(): void;
  search?(): void;
  newFirm?(): void;
  settings?(): void;
  /** F8: « Simuler un appel » (beside F9 answer and F10 hang up). */
  simulateCall?(): void;
  /** Alt+digit switches screens. */
  view?(key: string): void;
}

/** Keys that work from any field, because a secretary types while she talks. */
export function useShortcuts(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const current = ref.current;
      if (event.key === 'F8' && !event.ctrlKey && !event.altKey && !event.metaKey && current.simulateCall) {
        event.preventDefault();
        current.simulateCall();
        return;
      }
      if (event.altKey && !event.ctrlKey && /^[1-9]$/.test(event.key) && current.view) {
        event.preventDefault();
        current.view(event.key);
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const action =
        key === 's'
          ? current.save
          : key === 'k'
            ? current.search
            : key === 'n'
              ? current.newFirm
              : key === ','
                ? current.settings
                : undefined;
      if (action) {
        event.preventDefault();
        action();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
