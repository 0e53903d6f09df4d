import { useTranslation } from 'react-i18next';
import type { Motif } from '../../../../shared/domain/agenda/config';
import { Field } from '../../../ui/Field';
import { newId, useAgendaError, useAgendaTab } from './use-agenda-draft';

/** The motifs callers book: length, buffers, who offers them, new callers, what to read, a daily maximum. */
export function MotifsSection() {
  const { t } = useTranslation();
  const { draft, update } = useAgendaTab();
  return (
    <fieldset className="group">
      <legend>{t('agendaSetup.motifs')}</legend>
      {draft.motifs.length === 0 ? <p className="muted">{t('agendaSetup.noMotif')}</p> : null}
      {draft.motifs.map((motif, index) => (
        <MotifEditor key={motif.id} motif={motif} index={index} />
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          update((d) =>
            d.motifs.push({
              id: newId(),
              name: '',
              durationMinutes: 15,
              color: '#336699',
              bufferBeforeMinutes: 0,
              bufferAfterMinutes: 0,
              agendaIds: d.agendas.map((a) => a.id),
              newCallersAllowed: true,
              instructions: '',
              maxPerDay: null,
            }),
          )
        }
      >
        {t('agendaSetup.addMotif')}
      </button>
    </fieldset>
  );
}

function NumberField({
  label,
  value,
  error,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number | null;
  error?: string | null;
  min: number;
  max: number;
  onChange: (value: number | null) => void;
}) {
  return (
    <Field label={label} error={error ?? null} className="agenda-setup__number">
      {(props) => (
        <input
          {...props}
          type="number"
          min={min}
          max={max}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

function MotifEditor({ motif, index }: { motif: Motif; index: number }) {
  const { t } = useTranslation();
  const { draft, update } = useAgendaTab();
  const at = `motifs.${index}`;
  const nameError = useAgendaError(`${at}.name`);
  const durationError = useAgendaError(`${at}.durationMinutes`);
  const maxError = useAgendaError(`${at}.maxPerDay`);
  const label = motif.name || t('agendaSetup.motifNumber', { number: index + 1 });
  const set = (mutate: (m: Motif) => void) => update((d) => mutate(d.motifs[index]!));
  return (
    <section className="agenda-setup__motif" aria-label={t('agendaSetup.motifLabel', { name: label })}>
      <div className="row">
        <span className="swatch" style={{ background: motif.color }} aria-hidden />
        <Field label={t('agendaSetup.motifName')} error={nameError} className="agenda-setup__name">
          {(props) => (
            <input {...props} value={motif.name} onChange={(e) => set((m) => void (m.name = e.target.value))} />
          )}
        </Field>
        <NumberField
          label={t('agendaSetup.duration')}
          value={motif.durationMinutes}
          error={durationError}
          min={5}
          max={480}
          onChange={(value) => set((m) => void (m.durationMinutes = value ?? 0))}
        />
        <NumberField
          label={t('agendaSetup.bufferBefore')}
          value={motif.bufferBeforeMinutes}
          min={0}
          max={240}
          onChange={(value) => set((m) => void (m.bufferBeforeMinutes = value ?? 0))}
        />
        <NumberField
          label={t('agendaSetup.bufferAfter')}
          value={motif.bufferAfterMinutes}
          min={0}
          max={240}
          onChange={(value) => set((m) => void (m.bufferAfterMinutes = value ?? 0))}
        />
        <NumberField
          label={t('agendaSetup.maxPerDay')}
          value={motif.maxPerDay}
          error={maxError}
          min={1}
          max={200}
          onChange={(value) => set((m) => void (m.maxPerDay = value))}
        />
        <Field label={t('agendaSetup.color')}>
          {(props) => (
            <input
              {...props}
              type="color"
              value={motif.color}
              onChange={(e) => set((m) => void (m.color = e.target.value))}
            />
          )}
        </Field>
        <button
          type="button"
          className="button button--danger-plain"
          aria-label={t('agendaSetup.removeMotif', { name: label })}
          onClick={() =>
            update((d) => {
              d.motifs.splice(index, 1);
              d.agendas.forEach((a) =>
                a.template.forEach((r) => (r.motifIds = r.motifIds.filter((id) => id !== motif.id))),
              );
              d.exceptions.forEach((e) => (e.motifIds = e.motifIds.filter((id) => id !== motif.id)));
            })
          }
        >
          {t('agendaSetup.remove')}
        </button>
      </div>
      <div className="row">
        <fieldset className="agenda-setup__offered">
          <legend>{t('agendaSetup.offeredBy')}</legend>
          {draft.agendas.map((agenda) => (
            <label key={agenda.id} className="checkbox">
              <input
                type="checkbox"
                checked={motif.agendaIds.includes(agenda.id)}
                onChange={(e) =>
                  set(
                    (m) =>
                      void (m.agendaIds = e.target.checked
                        ? [...m.agendaIds, agenda.id]
                        : m.agendaIds.filter((id) => id !== agenda.id)),
                  )
                }
              />
              {agenda.name || t('agendaSetup.unnamedAgenda')}
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={motif.newCallersAllowed}
            onChange={(e) => set((m) => void (m.newCallersAllowed = e.target.checked))}
          />
          {t('agendaSetup.newCallersAllowed')}
        </label>
      </div>
      <Field label={t('agendaSetup.instructions')} className="agenda-setup__instructions">
        {(props) => (
          <textarea
            {...props}
            rows={2}
            value={motif.instructions}
            placeholder={t('agendaSetup.instructionsPlaceholder')}
            onChange={(e) => set((m) => void (m.instructions = e.target.value))}
          />
        )}
      </Field>
    </section>
  );
}
