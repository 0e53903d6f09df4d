import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { TaskType } from '../../../shared/domain/billing/billing-settings';
import type { FirmSummary } from '../../../shared/domain/firm/firm';
import { COUNTED_TASK_TYPES, MANUAL_TASK_TYPES } from '../../../shared/domain/timesheet';
import { parseDuration } from '../../../shared/domain/timesheet-import';
import { FirmSelect } from '../../ui/FirmSelect';

export type QuickMode = 'entry' | 'timer';

interface Props {
  api: PermanenceClient;
  mode: QuickMode;
  firms: FirmSummary[];
  defaultFirmId: string | null;
  onStartTimer(input: { firmId: string; taskType: TaskType; label: string }): Promise<void>;
  onClose(): void;
}

/** Ctrl+E / Ctrl+T: the firm, the task, a duration ("0:20", "1,5") or a timer; Enter saves, Escape closes. */
export function QuickEntryDialog({ api, mode, firms, defaultFirmId, onStartTimer, onClose }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [firmId, setFirmId] = useState(defaultFirmId ?? firms[0]?.id ?? '');
  const [taskType, setTaskType] = useState<TaskType>('mail');
  const [duration, setDuration] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [label, setLabel] = useState('');
  const [urgent, setUrgent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!firmId) return setError(t('timesheets.quick.noFirm'));
    try {
      if (mode === 'timer') {
        await onStartTimer({ firmId, taskType, label });
      } else {
        const seconds = parseDuration(duration);
        if (seconds === null) return setError(t('timesheets.quick.badDuration'));
        await api.timesheets.create({
          firmId,
          taskType,
          startedAt: Date.now() - seconds * 1000,
          durationSeconds: seconds,
          quantity: Number(quantity) || 0,
          billable: true,
          urgent,
          label,
          note: '',
        });
      }
      onClose();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const counted = COUNTED_TASK_TYPES.includes(taskType);
  return (
    <dialog ref={ref} className="dialog timesheets-quick" aria-labelledby="timesheets-quick-title" onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="timesheets-quick-title">
          {t(mode === 'timer' ? 'timesheets.quick.timerTitle' : 'timesheets.quick.entryTitle')}
        </h2>
        <div className="form-grid">
          <label className="field">
            {t('timesheets.entry.firm')}
            <FirmSelect firms={firms} value={firmId} onChange={setFirmId} autoFocus={!defaultFirmId} />
          </label>
          <label className="field">
            {t('timesheets.entry.type')}
            <select
              value={taskType}
              onChange={(e) => setTaskType(e.target.value as TaskType)}
              autoFocus={Boolean(defaultFirmId)}
            >
              {MANUAL_TASK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`timesheets.taskType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          {mode === 'entry' ? (
            <>
              <label className="field">
                {t('timesheets.entry.duration')}
                <input value={duration} onChange={(e) => setDuration(e.target.value)} placeholder="0:20" required />
              </label>
              <label className="field">
                {t(counted ? 'timesheets.entry.quantityCounted' : 'timesheets.entry.quantity')}
                <input type="number" min={0} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
              </label>
            </>
          ) : null}
          <label className="field span-2">
            {t('timesheets.entry.label')}
            <input value={label} onChange={(e) => setLabel(e.target.value)} />
          </label>
          {mode === 'entry' ? (
            <label className="checkbox">
              <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />{' '}
              {t('timesheets.entry.urgent')}
            </label>
          ) : null}
        </div>
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary">
            {t(mode === 'timer' ? 'timesheets.quick.start' : 'timesheets.quick.save')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
