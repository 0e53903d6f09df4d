import { useEffect, useRef } from 'react';

export interface TimesheetShortcuts {
  /** Ctrl+T: start a timer (opens the quick dialog) or stop the running one. */
  timer(): void;
  /** Ctrl+E: log an entry in the quick dialog. */
  entry(): void;
}

/** Two keystrokes to log work: the chord opens the dialog, Enter saves. Works from any field. */
export function useTimesheetShortcuts(shortcuts: TimesheetShortcuts): void {
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 't') {
        event.preventDefault();
        ref.current.timer();
      } else if (key === 'e') {
        event.preventDefault();
        ref.current.entry();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
