import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Weekday } from '../../../shared/domain/firm/hours';
import { Field } from '../../ui/Field';
import { useEditor, useFieldError, EMPTY_LIST } from './editor-context';
import { OpeningPreview } from './OpeningPreview';

export function HoursTab() {
  const { t } = useTranslation();
  const closedOnHolidays = useEditor((s) => s.draft.profile.closedOnPublicHolidays ?? true);
  const update = useEditor((s) => s.update);
  return (
    <div className="stack">
      <OpeningPreview />
      <fieldset className="group">
        <legend>{t('hours.weekly')}</legend>
        <table className="hours-table">
          <tbody>
            {WEEKDAYS.map((day) => (
              <DayRow key={day} day={day} />
            ))}
          </tbody>
        </table>
      </fieldset>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={closedOnHolidays}
          onChange={(e) => update((d) => void (d.profile.closedOnPublicHolidays = e.target.checked))}
        />
        {t('hours.closedOnPublicHolidays')}
      </label>
      <Closures />
    </div>
  );
}

function DayRow({ day }: { day: Weekday }) {
  const { t } = useTranslation();
  const intervals = useEditor((s) => s.draft.profile.weeklyHours?.[day] ?? EMPTY_LIST);
  const update = useEditor((s) => s.update);
  const overlap = useFieldError(`profile.weeklyHours.${day}`);
  const dayName = t(`weekday.${day}`);
  return (
    <tr>
      <th scope="row">{dayName}</th>
      <td>
        {intervals.length === 0 ? <span className="muted">{t('hours.closedDay')}</span> : null}
        {intervals.map((interval, index) => (
          <IntervalEditor
            key={index}
            day={day}
            index={index}
            start={interval.start}
            end={interval.end}
            dayName={dayName}
          />
        ))}
        {overlap ? (
          <p className="field__error" role="alert">
            {overlap}
          </p>
        ) : null}
      </td>
      <td>
        <button
          type="button"
          className="button button--plain"
          aria-label={t('hours.addInterval', { day: dayName })}
          onClick={() =>
            update((d) => {
              const list = d.profile.weeklyHours![day];
              const last = list[list.length - 1];
              list.push(
                last
                  ? { start: last.end < '23:00' ? bump(last.end) : '23:00', end: '23:59' }
                  : { start: '09:00', end: '12:00' },
              );
            })
          }
        >
          {t('hours.add')}
        </button>
      </td>
    </tr>
  );
}

function bump(time: string): string {
  const [h, m] = time.split(':').map(Number);
  return `${String(Math.min(23, (h ?? 0) + 1)).padStart(2, '0')}:${String(m ?? 0).padStart(2, '0')}`;
}

function IntervalEditor(props: { day: Weekday; index: number; start: string; end: string; dayName: string }) {
  const { t } = useTranslation();
  const update = useEditor((s) => s.update);
  const error = useFieldError(`profile.weeklyHours.${props.day}.${props.index}.end`);
  return (
    <span className="interval">
      <input
        type="time"
        aria-label={t('hours.start', { day: props.dayName, index: props.index + 1 })}
        value={props.start}
        onChange={(e) => update((d) => void (d.profile.weeklyHours![props.day][props.index]!.start = e.target.value))}
      />
      –
      <input
        type="time"
        aria-label={t('hours.end', { day: props.dayName, index: props.index + 1 })}
        aria-invalid={Boolean(error)}
        value={props.end}
        onChange={(e) => update((d) => void (d.profile.weeklyHours![props.day][props.index]!.end = e.target.value))}
      />
      <button
        type="button"
        className="button button--danger-plain"
        aria-label={t('hours.removeInterval', { day: props.dayName, index: props.index + 1 })}
        onClick={() => update((d) => void d.profile.weeklyHours![props.day].splice(props.index, 1))}
      >
        ✕
      </button>
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function Closures() {
  const { t } = useTranslation();
  const closures = useEditor((s) => s.draft.profile.closures ?? EMPTY_LIST);
  const update = useEditor((s) => s.update);
  return (
    <fieldset className="group">
      <legend>{t('hours.closures')}</legend>
      {closures.length === 0 ? <p className="muted">{t('hours.noClosure')}</p> : null}
      {closures.map((closure, index) => (
        <ClosureRow key={closure.id} index={index} />
      ))}
      <button
        type="button"
        className="button button--plain"
        onClick={() =>
          update((d) => {
            const today = new Date().toISOString().slice(0, 10);
            d.profile.closures = [
              ...(d.profile.closures ?? []),
              { id: crypto.randomUUID(), from: today, to: today, label: '' },
            ];
          })
        }
      >
        {t('hours.addClosure')}
      </button>
    </fieldset>
  );
}

function ClosureRow({ index }: { index: number }) {
  const { t } = useTranslation();
  const closure = useEditor((s) => s.draft.profile.closures![index]!);
  const update = useEditor((s) => s.update);
  const toError = useFieldError(`profile.closures.${index}.to`);
  return (
    <div className="row">
      <Field label={t('hours.closureFrom')}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={closure.from}
            onChange={(e) => update((d) => void (d.profile.closures![index]!.from = e.target.value))}
          />
        )}
      </Field>
      <Field label={t('hours.closureTo')} error={toError}>
        {(p) => (
          <input
            {...p}
            type="date"
            value={closure.to}
            onChange={(e) => update((d) => void (d.profile.closures![index]!.to = e.target.value))}
          />
        )}
      </Field>
      <Field label={t('hours.closureLabel')}>
        {(p) => (
          <input
            {...p}
            value={closure.label ?? ''}
            onChange={(e) => update((d) => void (d.profile.closures![index]!.label = e.target.value))}
          />
        )}
      </Field>
      <button
        type="button"
        className="button button--danger-plain"
        aria-label={t('hours.removeClosure', { index: index + 1 })}
        onClick={() => update((d) => void d.profile.closures!.splice(index, 1))}
      >
        ✕
      </button>
    </div>
  );
}
