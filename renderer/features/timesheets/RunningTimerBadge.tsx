import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useApi } from '../../api/client';
import { formatDuration } from '../billing/format';
import { QuickEntryDialog, type QuickMode } from './QuickEntryDialog';
import { createTimerStore } from './timer-store';
import { useTimesheetShortcuts } from './use-timesheet-shortcuts';

/**
 * For the status bar: the running timer (firm, task, elapsed time, stop), and the owner of the timesheet
 * shortcuts Ctrl+T (start/stop a timer) and Ctrl+E (log an entry), since the status bar is always on screen.
 * `currentFirmId` preselects the firm on screen in the quick dialog.
 */
export function RunningTimerBadge({ currentFirmId = null }: { currentFirmId?: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const store = useMemo(() => createTimerStore(api), [api]);
  const { timer, firms, error } = useStore(store);
  const [quick, setQuick] = useState<QuickMode | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    void store.getState().load();
    const offTimer = api.events.subscribe('timesheets:timer', ({ timer: next }) => store.setState({ timer: next }));
    const offFirms = api.events.subscribe('firms:changed', () => void store.getState().load());
    return () => {
      offTimer();
      offFirms();
    };
  }, [api, store]);

  useEffect(() => {
    if (!timer) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [timer]);

  useTimesheetShortcuts({
    timer: () => (store.getState().timer ? void store.getState().stop() : setQuick('timer')),
    entry: () => setQuick('entry'),
  });

  const firmName = timer ? (firms.find((f) => f.id === timer.firmId)?.name ?? '') : '';
  return (
    <>
      {timer ? (
        <span className="timesheets-badge" role="timer" aria-label={t('timesheets.timer.running', { firm: firmName })}>
          <span className="dot dot--busy" aria-hidden />
          <span className="timesheets-badge__firm" title={firmName}>
            {firmName}
          </span>{' '}
          · {t(`timesheets.taskType.${timer.taskType}`)} ·{' '}
          <strong>{formatDuration(Math.max(0, (now - timer.startedAt) / 1000))}</strong>
          <button
            type="button"
            className="button button--plain"
            aria-keyshortcuts="Control+T"
            onClick={() => void store.getState().stop()}
          >
            {t('timesheets.timer.stop')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button button--plain timesheets-badge__start"
          aria-keyshortcuts="Control+T"
          onClick={() => setQuick('timer')}
        >
          {t('timesheets.timer.start')}
        </button>
      )}
      {error ? (
        <span className="timesheets-badge__error" role="alert">
          {error}
        </span>
      ) : null}
      {quick ? (
        <QuickEntryDialog
          api={api}
          mode={quick}
          firms={firms}
          defaultFirmId={currentFirmId}
          onStartTimer={(input) => store.getState().start(input)}
          onClose={() => setQuick(null)}
        />
      ) : null}
    </>
  );
}
