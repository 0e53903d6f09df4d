import { createStore } from 'zustand/vanilla';
import type { PermanenceClient } from '../../../shared/api';
import type { FirmSummary } from '../../../shared/domain/firm/firm';
import type { RunningTimer } from '../../../shared/domain/timesheet';

export interface TimerState {
  timer: RunningTimer | null;
  firms: FirmSummary[];
  error: string | null;
  load(): Promise<void>;
  start(input: { firmId: string; taskType: RunningTimer['taskType']; label: string }): Promise<void>;
  stop(): Promise<void>;
  discard(): Promise<void>;
}

/** The running timer as main stores it, kept fresh by the 'timesheets:timer' event. A factory, never a singleton. */
export function createTimerStore(api: PermanenceClient) {
  const store = createStore<TimerState>()((set) => {
    const guard = async (work: () => Promise<void>) => {
      try {
        await work();
        set({ error: null });
      } catch (e) {
        set({ error: (e as Error).message });
      }
    };
    return {
      timer: null,
      firms: [],
      error: null,
      load: () =>
        guard(async () => {
          const [timer, firms] = await Promise.all([api.timesheets.timer({}), api.firms.list({})]);
          set({ timer, firms });
        }),
      start: (input) =>
        guard(async () => {
          const { timer } = await api.timesheets.startTimer({ ...input, note: '', urgent: false, billable: true });
          set({ timer });
        }),
      stop: () =>
        guard(async () => {
          await api.timesheets.stopTimer({});
          set({ timer: null });
        }),
      discard: () =>
        guard(async () => {
          await api.timesheets.discardTimer({});
          set({ timer: null });
        }),
    };
  });
  return store;
}
export type TimerStore = ReturnType<typeof createTimerStore>;
