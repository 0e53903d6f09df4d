import { event } from '../define';

/** Pushed by Electron's main process (the harness never sends them). */
export const systemEvents = {
  /** The OS woke up: the softphone re-registers at once instead of waiting for its refresh. */
  'system:resumed': event<{ at: number }>(),
  /** A global shortcut was pressed while another application had the focus. */
  'call:shortcut': event<{ action: 'answer' | 'hangup' }>(),
};
