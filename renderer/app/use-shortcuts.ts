import { useEffect, useRef } from 'react';

interface Shortcuts {
  save(): void;
  search(): void;
  newFirm(): void;
  settings(): void;
}

/** Application-wide keys; they work from any field because a secretary types while she talks. */
export function useShortcuts(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const action =
        key === 's' ? ref.current.save : key === 'k' ? ref.current.search : key === 'n' ? ref.current.newFirm : key === ',' ? ref.current.settings : null;
      if (action) {
        event.preventDefault();
        action();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
