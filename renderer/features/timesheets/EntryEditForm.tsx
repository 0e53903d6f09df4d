import { DateTime } from 'luxon';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import { TASK_TYPES, type TaskType } from '../../../shared/domain/billing/billing-settings';
import type { EntryAuditRecord, TimeEntry } from '../../../shared/domain/timesheet';
import { parseDuration } from '../../../shared/domain/timesheet-import';
import { createWallClock } from '../../../shared/domain/wall-clock';
import { formatDuration } from '../billing/format';

interface Props {
  api: PermanenceClient;
  entry: TimeEntry;
  onClose(): void;
  onSaved(entry: TimeEntry): void;
}

/** Fields of an entry whose changes the history lists, in this order. */
const AUDITED_FIELDS = [
  'startedAt',
  'durationSeconds',
  'taskType',
  'quantity',
  'billable',
  'urgent',
  'label',
  'note',
] as const;

/** 'UTC+02:00' for 120 minutes east of UTC. */
function formatOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '−' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** One time entry edited in the firm's time zone; main audits the change and refuses it in a locked month. */
export function EntryEditForm({ api, entry, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [zone, setZone] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [duration, setDuration] = useState(formatDuration(entry.durationSeconds));
  const [taskType, setTaskType] = useState<TaskType>(entry.taskType);
  const [quantity, setQuantity] = useState(String(entry.quantity));
  const [billable, setBillable] = useState(entry.billable);
  const [urgent, setUrgent] = useState(entry.urgent);
  const [note, setNote] = useState(entry.note);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [audit, setAudit] = useState<EntryAuditRecord[]>([]);
  /** The date and time as first shown: unchanged, the entry keeps its instant (02:30 exists twice in October). */
  const [shown, setShown] = useState<{ date: string; time: string; at: number } | null>(null);
  /** The instant chosen for a time that exists twice (autumn overlap); null: not chosen yet. */
  const [overlapChoice, setOverlapChoice] = useState<number | null>(null);
  const clock = useMemo(() => (zone ? createWallClock(zone) : null), [zone]);
  const unchanged = shown !== null && shown.date === date && shown.time === time;
  const resolution = clock && date && time ? clock.resolve(date, time.length === 5 ? `${time}:00` : time) : null;
  const overlap = resolution?.kind === 'overlap' ? resolution.candidates : null;
  const chosenInstant = overlapChoice ?? (unchanged && overlap ? shown.at : null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);

  const loadAudit = useCallback(async () => {
    try {
      setAudit(await api.timesheets.audit({ id: entry.id }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, entry.id]);

  useEffect(() => {
    let live = true;
    void api.firms.get({ id: entry.firmId }).then(
      (firm) => {
        if (!live) return;
        const local = DateTime.fromMillis(entry.startedAt, { zone: firm.profile.timeZone });
        setZone(firm.profile.timeZone);
        setDate(local.toFormat('yyyy-LL-dd'));
        setTime(local.toFormat('HH:mm:ss'));
        setShown({ date: local.toFormat('yyyy-LL-dd'), time: local.toFormat('HH:mm:ss'), at: entry.startedAt });
      },
      (e: Error) => live && setError(e.message),
    );
    queueMicrotask(() => void loadAudit());
    return () => {
      live = false;
    };
  }, [api, entry.firmId, entry.startedAt, loadAudit]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!zone) return;
    setSaved(false);
    const seconds = parseDuration(duration);
    if (seconds === null) return setError(t('timesheets.edit.badDuration'));
    // Wall-clock time across DST: a time in the spring gap is refused, one that exists twice needs her choice.
    let startedAt: number;
    if (resolution?.kind === 'overlap') {
      if (chosenInstant === null) return setError(t('timesheets.edit.dstOverlap', { time: time.slice(0, 5) }));
      startedAt = chosenInstant;
    } else if (unchanged) startedAt = shown.at;
    else if (resolution?.kind === 'ok') startedAt = resolution.ms;
    else if (resolution?.kind === 'gap') return setError(t('timesheets.edit.dstGap', { time: time.slice(0, 5) }));
    else return setError(t('timesheets.edit.badDate'));
    const qty = Number(quantity);
    if (!Number.isInteger(qty) || qty < 0) return setError(t('timesheets.edit.badQuantity'));
    try {
      const next = await api.timesheets.update({
        id: entry.id,
        patch: {
          startedAt,
          durationSeconds: seconds,
          taskType,
          quantity: qty,
          billable,
          urgent,
          note,
        },
      });
      setError(null);
      setSaved(true);
      setShown({ date, time, at: next.startedAt });
      setOverlapChoice(null);
      onSaved(next);
      await loadAudit();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const locale = i18n.language === 'en' ? 'en-GB' : 'fr-FR';
  const when = (ms: number) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'short',
      timeStyle: 'medium',
      ...(zone ? { timeZone: zone } : {}),
    }).format(ms);
  const show = (field: (typeof AUDITED_FIELDS)[number], value: unknown): string => {
    if (value === undefined || value === null) return '—';
    if (field === 'startedAt') return when(Number(value));
    if (field === 'durationSeconds') return formatDuration(Number(value));
    if (field === 'taskType') return t(`timesheets.taskType.${String(value)}`);
    if (typeof value === 'boolean') return t(value ? 'timesheets.edit.yes' : 'timesheets.edit.no');
    return String(value) || '—';
  };
  const changes = (row: EntryAuditRecord) =>
    AUDITED_FIELDS.filter((f) => JSON.stringify(row.before?.[f]) !== JSON.stringify(row.after?.[f])).map((f) =>
      row.action === 'update'
        ? t('timesheets.edit.change', {
            field: t(`timesheets.edit.field.${f}`),
            before: show(f, row.before?.[f]),
            after: show(f, row.after?.[f]),
          })
        : t('timesheets.edit.value', {
            field: t(`timesheets.edit.field.${f}`),
            value: show(f, (row.after ?? row.before)?.[f]),
          }),
    );

  return (
    <dialog ref={ref} className="dialog timesheets-edit" aria-labelledby="timesheets-edit-title" onCancel={onClose}>
      <form onSubmit={(e) => void submit(e)}>
        <h2 id="timesheets-edit-title">{t('timesheets.edit.title')}</h2>
        <p className="muted">{zone ? t('timesheets.edit.zone', { zone }) : t('timesheets.edit.loading')}</p>
        <div className="form-grid">
          <label className="field">
            {t('timesheets.edit.date')}
            <input
              type="date"
              value={date}
              onChange={(e) => {
                setDate(e.target.value);
                setOverlapChoice(null);
              }}
              required
            />
          </label>
          <label className="field">
            {t('timesheets.edit.time')}
            <input
              type="time"
              step={1}
              value={time}
              onChange={(e) => {
                setTime(e.target.value);
                setOverlapChoice(null);
              }}
              required
            />
          </label>
          {overlap ? (
            <label className="field">
              {t('timesheets.edit.offset', { time: time.slice(0, 5) })}
              <select
                value={chosenInstant === null ? '' : String(chosenInstant)}
                onChange={(e) => setOverlapChoice(e.target.value ? Number(e.target.value) : null)}
              >
                <option value="">{t('timesheets.edit.offsetPick')}</option>
                {overlap.map((c, i) => (
                  <option key={c.ms} value={String(c.ms)}>
                    {t(i === 0 ? 'timesheets.edit.offsetSummer' : 'timesheets.edit.offsetWinter', {
                      offset: formatOffset(c.offsetMinutes),
                    })}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="field">
            {t('timesheets.edit.duration')}
            <input
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
              placeholder="0:20:00"
              inputMode="numeric"
              required
            />
          </label>
          <label className="field">
            {t('timesheets.entry.type')}
            <select value={taskType} onChange={(e) => setTaskType(e.target.value as TaskType)}>
              {TASK_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`timesheets.taskType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t('timesheets.entry.quantity')}
            <input type="number" min={0} step={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          </label>
          <div className="field">
            <label className="checkbox">
              <input type="checkbox" checked={billable} onChange={(e) => setBillable(e.target.checked)} />{' '}
              {t('timesheets.entry.billable')}
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />{' '}
              {t('timesheets.entry.urgent')}
            </label>
          </div>
          <label className="field span-2">
            {t('timesheets.edit.note')}
            <textarea value={note} rows={3} onChange={(e) => setNote(e.target.value)} />
          </label>
        </div>
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : saved ? (
          <p className="banner banner--ok" role="status">
            {t('timesheets.edit.saved')}
          </p>
        ) : null}
        <details className="timesheets-edit__history">
          <summary>{t('timesheets.edit.history', { count: audit.length })}</summary>
          <ol aria-label={t('timesheets.edit.historyList')}>
            {audit.map((row) => (
              <li key={row.seq}>
                <strong>
                  {t('timesheets.edit.auditHead', {
                    when: when(row.at),
                    who: row.by,
                    action: t(`timesheets.edit.action.${row.action}`),
                  })}
                </strong>
                <ul>
                  {changes(row).map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </details>
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={!zone}>
            {t('timesheets.edit.save')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
