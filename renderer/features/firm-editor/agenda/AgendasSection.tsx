import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENDA_KINDS, type Agenda } from '../../../../shared/domain/agenda/config';
import { WEEKDAYS, type Weekday } from '../../../../shared/domain/firm/hours';
import { Field } from '../../../ui/Field';
import { EMPTY_LIST, useEditor } from '../editor-context';
import { newId, useAgendaError, useAgendaTab } from './use-agenda-draft';

/** One fieldset per agenda: who it is for, and its weekly template (ranges and the motifs booked in each). */
export function AgendasSection() {
  const { t } = useTranslation();
  const { draft, update } = useAgendaTab();
  return (
    <fieldset className="group">
      <legend>{t('agendaSetup.agendas')}</legend>
      {draft.agendas.length === 0 ? <p className="muted">{t('agendaSetup.noAgenda')}</p> : null}
      {draft.agendas.map((agenda, index) => (
        <AgendaEditor key={agenda.id} agenda={agenda} index={index} />
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          update((d) =>
            d.agendas.push({
              id: newId(),
              name: '',
              kind: 'practitioner',
              personId: null,
              color: '#336699',
              active: true,
              template: [],
            }),
          )
        }
      >
        {t('agendaSetup.addAgenda')}
      </button>
    </fieldset>
  );
}

function AgendaEditor({ agenda, index }: { agenda: Agenda; index: number }) {
  const { t } = useTranslation();
  const { update } = useAgendaTab();
  const people = useEditor((s) => s.draft.people ?? EMPTY_LIST);
  const nameError = useAgendaError(`agendas.${index}.name`);
  const personError = useAgendaError(`agendas.${index}.personId`);
  const label = agenda.name || t('agendaSetup.agendaNumber', { number: index + 1 });
  const set = (mutate: (a: Agenda) => void) => update((d) => mutate(d.agendas[index]!));
  return (
    <section className="agenda-setup__agenda" aria-label={t('agendaSetup.agendaLabel', { name: label })}>
      <div className="row">
        <span className="swatch" style={{ background: agenda.color }} aria-hidden />
        <Field label={t('agendaSetup.agendaName')} error={nameError}>
          {(props) => (
            <input {...props} value={agenda.name} onChange={(e) => set((a) => void (a.name = e.target.value))} />
          )}
        </Field>
        <Field label={t('agendaSetup.kind')}>
          {(props) => (
            <select
              {...props}
              value={agenda.kind}
              onChange={(e) => set((a) => void (a.kind = e.target.value as Agenda['kind']))}
            >
              {AGENDA_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`agendaSetup.kinds.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('agendaSetup.person')} error={personError}>
          {(props) => (
            <select
              {...props}
              value={agenda.personId ?? ''}
              onChange={(e) => set((a) => void (a.personId = e.target.value || null))}
            >
              <option value="">{t('agendaSetup.noPerson')}</option>
              {people.map((p) =>
                p.id ? (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ) : null,
              )}
            </select>
          )}
        </Field>
        <Field label={t('agendaSetup.color')}>
          {(props) => (
            <input
              {...props}
              type="color"
              value={agenda.color}
              onChange={(e) => set((a) => void (a.color = e.target.value))}
            />
          )}
        </Field>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={agenda.active}
            onChange={(e) => set((a) => void (a.active = e.target.checked))}
          />
          {t('agendaSetup.active')}
        </label>
        <button
          type="button"
          className="button button--danger-plain"
          aria-label={t('agendaSetup.removeAgenda', { name: label })}
          onClick={() =>
            update((d) => {
              d.agendas.splice(index, 1);
              d.motifs.forEach((m) => (m.agendaIds = m.agendaIds.filter((id) => id !== agenda.id)));
            })
          }
        >
          {t('agendaSetup.remove')}
        </button>
      </div>
      <TemplateTable agenda={agenda} index={index} label={label} />
    </section>
  );
}

function TemplateTable({ agenda, index, label }: { agenda: Agenda; index: number; label: string }) {
  const { t } = useTranslation();
  const { update } = useAgendaTab();
  const setRange = (r: number, mutate: (range: Agenda['template'][number]) => void) =>
    update((d) => mutate(d.agendas[index]!.template[r]!));
  return (
    <table className="hours-table agenda-setup__template" aria-label={t('agendaSetup.template', { name: label })}>
      <thead>
        <tr>
          <th scope="col">{t('agendaSetup.weekday')}</th>
          <th scope="col">{t('agendaSetup.start')}</th>
          <th scope="col">{t('agendaSetup.end')}</th>
          <th scope="col">{t('agendaSetup.rangeMotifs')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('agendaSetup.remove')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {agenda.template.map((range, r) => (
          <RangeRow key={r} agendaIndex={index} rangeIndex={r} label={label}>
            <td>
              <select
                aria-label={t('agendaSetup.rangeWeekday', { number: r + 1 })}
                value={range.weekday}
                onChange={(e) => setRange(r, (x) => void (x.weekday = Number(e.target.value) as Weekday))}
              >
                {WEEKDAYS.map((day) => (
                  <option key={day} value={day}>
                    {t(`weekday.${day}`)}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <input
                type="time"
                aria-label={t('agendaSetup.rangeStart', { number: r + 1 })}
                value={range.start}
                onChange={(e) => setRange(r, (x) => void (x.start = e.target.value))}
              />
            </td>
            <td>
              <input
                type="time"
                aria-label={t('agendaSetup.rangeEnd', { number: r + 1 })}
                value={range.end}
                onChange={(e) => setRange(r, (x) => void (x.end = e.target.value))}
              />
            </td>
            <td>
              <MotifPicker
                label={t('agendaSetup.rangeMotifsOf', { number: r + 1 })}
                selected={range.motifIds}
                onChange={(ids) => setRange(r, (x) => void (x.motifIds = ids))}
              />
            </td>
            <td>
              <button
                type="button"
                className="button button--plain"
                aria-label={t('agendaSetup.removeRange', { number: r + 1 })}
                onClick={() => update((d) => void d.agendas[index]!.template.splice(r, 1))}
              >
                ×
              </button>
            </td>
          </RangeRow>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={5}>
            <button
              type="button"
              className="button button--plain"
              onClick={() =>
                update((d) => {
                  const template = d.agendas[index]!.template;
                  const last = template[template.length - 1];
                  const weekday = (last ? (last.weekday % 7) + 1 : 1) as Weekday;
                  template.push({ weekday, start: last?.start ?? '09:00', end: last?.end ?? '12:00', motifIds: [] });
                })
              }
            >
              {t('agendaSetup.addRange')}
            </button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function RangeRow({
  agendaIndex,
  rangeIndex,
  children,
}: {
  agendaIndex: number;
  rangeIndex: number;
  label: string;
  children: ReactNode;
}) {
  const base = `agendas.${agendaIndex}.template.${rangeIndex}`;
  const startError = useAgendaError(`${base}.start`);
  const endError = useAgendaError(`${base}.end`);
  const error = startError ?? endError;
  return (
    <>
      <tr className={error ? 'agenda-setup__row--invalid' : undefined}>{children}</tr>
      {error ? (
        <tr>
          <td colSpan={5}>
            <p className="field__error" role="alert">
              {error}
            </p>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Which motifs a range takes: « Tous les motifs » by default, a few ticked in a folded list otherwise. */
function MotifPicker({
  label,
  selected,
  onChange,
}: {
  label: string;
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const { draft } = useAgendaTab();
  const names = draft.motifs.filter((m) => selected.includes(m.id)).map((m) => m.name || t('agendaSetup.unnamedMotif'));
  return (
    <details className="agenda-setup__motif-picker">
      <summary aria-label={`${label} : ${names.length === 0 ? t('agendaSetup.allMotifs') : names.join(', ')}`}>
        {names.length === 0 ? t('agendaSetup.allMotifs') : names.join(', ')}
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {draft.motifs.map((m) => (
          <label key={m.id} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(m.id)}
              onChange={(e) => onChange(e.target.checked ? [...selected, m.id] : selected.filter((id) => id !== m.id))}
            />
            {m.name || t('agendaSetup.unnamedMotif')}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
