import { globalShortcut } from 'electron';

export type CallAction = 'answer' | 'hangup';
export type ShortcutConfig = Record<CallAction, string | null>;

export interface ShortcutConflict {
  action: CallAction;
  accelerator: string;
  /** taken: another application holds it; duplicate: both actions share it; invalid: Electron cannot parse it. */
  reason: 'taken' | 'duplicate' | 'invalid';
}

export interface ShortcutReport {
  registered: Partial<ShortcutConfig>;
  conflicts: ShortcutConflict[];
}

/**
 * Function keys with Ctrl+Shift: reachable with one hand while typing, and, unlike Ctrl+Alt combinations, never
 * AltGr on a French AZERTY keyboard (AltGr types @, #, € … and must stay free).
 */
export const DEFAULT_CALL_SHORTCUTS: ShortcutConfig = {
  answer: 'CommandOrControl+Shift+F9',
  hangup: 'CommandOrControl+Shift+F10',
};

/**
 * System-wide answer / hang-up keys, so she can pick up while another application has the focus. `apply`
 * replaces whatever this module registered before (and only that: other modules' shortcuts are left alone) and
 * reports what could not be registered, so the settings screen can say so instead of failing silently.
 */
export function createCallShortcuts(onAction: (action: CallAction) => void) {
  let active: string[] = [];

  function release(): void {
    for (const accelerator of active) globalShortcut.unregister(accelerator);
    active = [];
  }

  function apply(config: ShortcutConfig): ShortcutReport {
    release();
    const report: ShortcutReport = { registered: {}, conflicts: [] };
    const seen = new Map<string, CallAction>();
    for (const action of ['answer', 'hangup'] as const) {
      const accelerator = config[action]?.trim();
      if (!accelerator) continue;
      const key = accelerator.toLowerCase();
      if (seen.has(key)) {
        report.conflicts.push({ action, accelerator, reason: 'duplicate' });
        continue;
      }
      seen.set(key, action);
      let ok: boolean;
      try {
        ok = globalShortcut.register(accelerator, () => onAction(action));
      } catch {
        report.conflicts.push({ action, accelerator, reason: 'invalid' });
        continue;
      }
      if (!ok) {
        report.conflicts.push({ action, accelerator, reason: 'taken' });
        continue;
      }
      active.push(accelerator);
      report.registered[action] = accelerator;
    }
    return report;
  }

  return { apply, release, active: () => [...active] };
}
export type CallShortcuts = ReturnType<typeof createCallShortcuts>;
