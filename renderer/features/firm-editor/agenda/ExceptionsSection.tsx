import { useTranslation } from 'react-i18next';
import type { AgendaException } from '../../../../shared/domain/agenda/config';
import { newId, useAgendaError, useAgendaTab } from './use-agenda-draft';

const KINDS: ReadonlyArray<AgendaException['kind']> = ['absence', 'closure', 'opening'];

/** Absences of one agenda, closures of the whole firm, extra openings; local days, both included. */
export function ExceptionsSection() {
  const { t } = useTranslation();
  const { draft, update } = useAgendaTab();
  return (
    <fieldset className="group">
      <legend>{t('agendaSetup.exceptions')}</legend>
      <p className="field__hint">{t('agendaSetup.exceptionsHint')}</p>
      {draft.exceptions.map((exception, index) => (
        <ExceptionRow key={exception.id} exception={exception} index={index} />
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          update((d) => {
            const today = new Date().toISOString().slice(0, 10);
            d.exceptions.push({
              id: newId(),
              kind: 'absence',
              agendaId: d.agendas[0]?.id ?? null,
              from: today,
              to: today,
              start: null,
              end: null,
              motifIds: [],
              label: '',
            });
          })
        }
      >
        {t('agendaSetup.addException')}
      </button>
    </fieldset>
  );
}

function ExceptionRow({ exception, index }: { exception: AgendaException; index: number }) {
  const { t } = useTranslation();
  const { draft, update } = useAgendaTab();
  const at = `exceptions.${index}`;
  const errors = [
    useAgendaError(`${at}.agendaId`),
    useAgendaError(`${at}.to`),
    useAgendaError(`${at}.start`),
    useAgendaError(`${at}.end`),
  ].filter(Boolean);
  const set = (mutate: (e: AgendaException) => void) => update((d) => mutate(d.exceptions[index]!));
  const n = index + 1;
  return (
    <div className="agenda-setup__exception" role="group" aria-label={t('agendaSetup.exceptionNumber', { number: n })}>
      <div className="row">
        <label className="agenda-setup__cell">
          <span aria-hidden>{t('agendaSetup.exceptionKind')}</span>
          <select
            aria-label={t('agendaSetup.exceptionKindOf', { number: n })}
            value={exception.kind}
            onChange={(e) =>
              set((x) => {
                x.kind = e.target.value as AgendaException['kind'];
                x.agendaId = x.kind === 'closure' ? null : (x.agendaId ?? draft.agendas[0]?.id ?? null);
              })
            }
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`agendaSetup.exceptionKinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="agenda-setup__cell">
          <span aria-hidden>{t('agendaSetup.exceptionAgenda')}</span>
          <select
            aria-label={t('agendaSetup.exceptionAgendaOf', { number: n })}
            value={exception.agendaId ?? ''}
            disabled={exception.kind === 'closure'}
            onChange={(e) => set((x) => void (x.agendaId = e.target.value || null))}
          >
            <option value="">{t('agendaSetup.wholeFirm')}</option>
            {draft.agendas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name || t('agendaSetup.unnamedAgenda')}
              </option>
            ))}
          </select>
        </label>
        <label className="agenda-setup__cell">
          <span aria-hidden>{t('agendaSetup.from')}</span>
          <input
            type="date"
            aria-label={t('agendaSetup.fromOf', { number: n })}
            value={exception.from}
            onChange={(e) => set((x) => void (x.from = e.target.value))}
          />
        </label>
        <label className="agenda-setup__cell">
          <span aria-hidden>{t('agendaSetup.to')}</span>
          <input
            type="date"
            aria-label={t('agendaSetup.toOf', { number: n })}
            value={exception.to}
            onChange={(e) => set((x) => void (x.to = e.target.value))}
          />
        </label>
        <label className="agenda-setup__cell">
          <span aria-hidden>{t('agendaSetup.start')}</span>
          <input
            type="time"
            aria-label={t('agendaSetup.startOf', { number: n })}
            value={exception.start ?? ''}
            onChange={(e) => set((x) => void (x.start = e.target.value || null))}
          />
        </label>
        <label className="agenda-setup__cell">
          <span aria-hidden>{t('agendaSetup.end')}</span>
          <input
            type="time"
            aria-label={t('agendaSetup.endOf', { number: n })}
            value={exception.end ?? ''}
            onChange={(e) => set((x) => void (x.end = e.target.value || null))}
          />
        </label>
        <label className="agenda-setup__cell">
          <span aria-hidden>{t('agendaSetup.label')}</span>
          <input
            aria-label={t('agendaSetup.labelOf', { number: n })}
            value={exception.label}
            onChange={(e) => set((x) => void (x.label = e.target.value))}
          />
        </label>
        <div className="agenda-setup__cell agenda-setup__cell--end">
          <button
            type="button"
            className="button button--plain"
            aria-label={t('agendaSetup.removeException', { number: n })}
            onClick={() => update((d) => void d.exceptions.splice(index, 1))}
          >
            ×
          </button>
        </div>
      </div>
      {errors.length > 0 ? (
        <p className="field__error" role="alert">
          {errors.join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
