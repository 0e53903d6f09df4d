import { useTranslation } from 'react-i18next';
import type { FirmDraftInput } from '../../../shared/domain/firm/aggregate';
import { MESSAGE_ROUTING } from '../../../shared/domain/firm/people';
import { Field } from '../../ui/Field';
import { useEditor, useFieldError, EMPTY_LIST } from './editor-context';

type PersonInput = NonNullable<FirmDraftInput['people']>[number];

export function PeopleTab() {
  const { t } = useTranslation();
  const people = useEditor((s) => s.draft.people ?? EMPTY_LIST);
  const update = useEditor((s) => s.update);
  return (
    <div className="stack">
      {people.length === 0 ? <p className="muted">{t('people.none')}</p> : null}
      {people.map((person, index) => (
        <PersonCard key={person.id} index={index} />
      ))}
      <button
        type="button"
        className="button button--plain"
        onClick={() =>
          update((d) => {
            d.people = [
              ...(d.people ?? []),
              { id: crypto.randomUUID(), name: '', isDefaultRecipient: (d.people ?? []).length === 0 },
            ];
          })
        }
      >
        {t('people.add')}
      </button>
    </div>
  );
}

function PersonCard({ index }: { index: number }) {
  const { t } = useTranslation();
  const person = useEditor((s) => s.draft.people![index]!);
  const update = useEditor((s) => s.update);
  const nameError = useFieldError(`people.${index}.name`);
  const emailError = useFieldError(`people.${index}.email`);
  const targetError = useFieldError(`people.${index}.transferTarget`);
  const label = person.name || t('people.unnamed', { index: index + 1 });
  const set = (mutate: (p: PersonInput) => void) => update((d) => mutate(d.people![index]!));
  return (
    <fieldset className="group card">
      <legend>{label}</legend>
      <div className="form-grid">
        <Field label={t('people.name')} error={nameError}>
          {(p) => <input {...p} value={person.name} onChange={(e) => set((x) => void (x.name = e.target.value))} />}
        </Field>
        <Field label={t('people.role')}>
          {(p) => (
            <input {...p} value={person.role ?? ''} onChange={(e) => set((x) => void (x.role = e.target.value))} />
          )}
        </Field>
        <Field label={t('people.transferTarget')} error={targetError} hint={t('people.transferTargetHint')}>
          {(p) => (
            <input
              {...p}
              inputMode="tel"
              value={person.transferTarget ?? ''}
              onChange={(e) => set((x) => void (x.transferTarget = e.target.value))}
            />
          )}
        </Field>
        <Field label={t('people.email')} error={emailError}>
          {(p) => (
            <input
              {...p}
              type="email"
              value={person.email ?? ''}
              onChange={(e) => set((x) => void (x.email = e.target.value))}
            />
          )}
        </Field>
        <Field label={t('people.receivesMessages')}>
          {(p) => (
            <select
              {...p}
              value={person.receivesMessages ?? 'addressed-only'}
              onChange={(e) =>
                set((x) => void (x.receivesMessages = e.target.value as (typeof MESSAGE_ROUTING)[number]))
              }
            >
              {MESSAGE_ROUTING.map((r) => (
                <option key={r} value={r}>
                  {t(`people.routing.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="checkbox">
          <input
            type="radio"
            name="default-recipient"
            checked={person.isDefaultRecipient ?? false}
            onChange={() => update((d) => d.people!.forEach((p, i) => void (p.isDefaultRecipient = i === index)))}
          />
          {t('people.defaultRecipient')}
        </label>
        <Field label={t('people.availability')} className="span-2">
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={person.availability ?? ''}
              onChange={(e) => set((x) => void (x.availability = e.target.value))}
            />
          )}
        </Field>
        <Absences index={index} personName={label} />
      </div>
      <button
        type="button"
        className="button button--danger-plain"
        onClick={() => update((d) => void d.people!.splice(index, 1))}
      >
        {t('people.remove', { name: label })}
      </button>
    </fieldset>
  );
}

function Absences({ index, personName }: { index: number; personName: string }) {
  const { t } = useTranslation();
  const absences = useEditor((s) => s.draft.people![index]!.absences ?? EMPTY_LIST);
  const update = useEditor((s) => s.update);
  return (
    <div className="span-2">
      <h4>{t('people.absences')}</h4>
      {absences.map((absence, a) => (
        <div className="row" key={a}>
          <Field label={t('hours.closureFrom')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={absence.from}
                onChange={(e) => update((d) => void (d.people![index]!.absences![a]!.from = e.target.value))}
              />
            )}
          </Field>
          <Field label={t('hours.closureTo')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={absence.to}
                onChange={(e) => update((d) => void (d.people![index]!.absences![a]!.to = e.target.value))}
              />
            )}
          </Field>
          <Field label={t('people.absenceNote')}>
            {(p) => (
              <input
                {...p}
                value={absence.note ?? ''}
                onChange={(e) => update((d) => void (d.people![index]!.absences![a]!.note = e.target.value))}
              />
            )}
          </Field>
          <button
            type="button"
            className="button button--danger-plain"
            aria-label={t('people.removeAbsence', { name: personName, index: a + 1 })}
            onClick={() => update((d) => void d.people![index]!.absences!.splice(a, 1))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button--plain"
        onClick={() =>
          update((d) => {
            const today = new Date().toISOString().slice(0, 10);
            const person = d.people![index]!;
            person.absences = [...(person.absences ?? []), { from: today, to: today, note: '' }];
          })
        }
      >
        {t('people.addAbsence', { name: personName })}
      </button>
    </div>
  );
}
