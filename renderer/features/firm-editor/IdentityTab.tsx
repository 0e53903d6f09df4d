import { useTranslation } from 'react-i18next';
import { SECTORS } from '../../../shared/domain/firm/firm';
import { formatPhoneForDisplay, toE164 } from '../../../shared/domain/phone';
import { Field } from '../../ui/Field';
import { useEditor, useFieldError } from './editor-context';

const TIME_ZONES = [
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Zurich',
  'Europe/Luxembourg',
  'America/Martinique',
  'America/Guadeloupe',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Pacific/Noumea',
  'Pacific/Tahiti',
];

export function IdentityTab() {
  const { t } = useTranslation();
  const profile = useEditor((s) => s.draft.profile);
  const update = useEditor((s) => s.update);
  const nameError = useFieldError('profile.name');
  const greetingError = useFieldError('profile.greeting');
  const colorError = useFieldError('profile.color');

  return (
    <div className="form-grid">
      <Field label={t('firm.name')} error={nameError}>
        {(p) => (
          <input {...p} value={profile.name} onChange={(e) => update((d) => void (d.profile.name = e.target.value))} />
        )}
      </Field>
      <Field label={t('firm.sector')}>
        {(p) => (
          <select
            {...p}
            value={profile.sector}
            onChange={(e) => update((d) => void (d.profile.sector = e.target.value as (typeof SECTORS)[number]))}
          >
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`sector.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('firm.color')} error={colorError}>
        {(p) => (
          <input
            {...p}
            type="color"
            value={profile.color}
            onChange={(e) => update((d) => void (d.profile.color = e.target.value))}
          />
        )}
      </Field>
      <Field label={t('firm.greeting')} error={greetingError} hint={t('firm.greetingHint')} className="span-2">
        {(p) => (
          <textarea
            {...p}
            rows={2}
            className="greeting-input"
            value={profile.greeting}
            onChange={(e) => update((d) => void (d.profile.greeting = e.target.value))}
          />
        )}
      </Field>
      <Field label={t('firm.pronunciation')} hint={t('firm.pronunciationHint')} className="span-2">
        {(p) => (
          <input
            {...p}
            value={profile.pronunciation ?? ''}
            onChange={(e) => update((d) => void (d.profile.pronunciation = e.target.value))}
          />
        )}
      </Field>
      <Field label={t('firm.timeZone')}>
        {(p) => (
          <select
            {...p}
            value={profile.timeZone}
            onChange={(e) => update((d) => void (d.profile.timeZone = e.target.value))}
          >
            {(TIME_ZONES.includes(profile.timeZone ?? '')
              ? TIME_ZONES
              : [profile.timeZone ?? 'Europe/Paris', ...TIME_ZONES]
            ).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </Field>
      <NumbersEditor />
      <Field label={t('firm.notes')} className="span-2">
        {(p) => (
          <textarea
            {...p}
            rows={4}
            value={profile.notes ?? ''}
            onChange={(e) => update((d) => void (d.profile.notes = e.target.value))}
          />
        )}
      </Field>
    </div>
  );
}

function NumbersEditor() {
  const { t } = useTranslation();
  const numbers = useEditor((s) => s.draft.profile.numbers);
  const update = useEditor((s) => s.update);
  return (
    <fieldset className="span-2 group">
      <legend>{t('firm.numbers')}</legend>
      <p className="field__hint">{t('firm.numbersHint')}</p>
      {numbers.map((number, index) => (
        <NumberRow key={index} index={index} e164={number.e164} label={number.label ?? ''} />
      ))}
      <button
        type="button"
        className="button button--plain"
        onClick={() => update((d) => void d.profile.numbers.push({ e164: '', label: '' }))}
      >
        {t('firm.addNumber')}
      </button>
    </fieldset>
  );
}

function NumberRow({ index, e164, label }: { index: number; e164: string; label: string }) {
  const { t } = useTranslation();
  const update = useEditor((s) => s.update);
  const error = useFieldError(`profile.numbers.${index}.e164`);
  const normalised = toE164(e164);
  return (
    <div className="editor-row editor-row--number">
      <Field
        label={t('firm.number', { index: index + 1 })}
        error={error}
        hint={
          normalised && formatPhoneForDisplay(normalised) !== e164
            ? t('firm.numberStoredAs', { number: formatPhoneForDisplay(normalised) })
            : undefined
        }
      >
        {(p) => (
          <input
            {...p}
            inputMode="tel"
            value={e164}
            onChange={(e) => update((d) => void (d.profile.numbers[index]!.e164 = e.target.value))}
          />
        )}
      </Field>
      <Field label={t('firm.numberLabel')}>
        {(p) => (
          <input
            {...p}
            value={label}
            onChange={(e) => update((d) => void (d.profile.numbers[index]!.label = e.target.value))}
          />
        )}
      </Field>
      <button
        type="button"
        className="button button--danger-plain"
        aria-label={t('firm.removeNumber', { index: index + 1 })}
        onClick={() => update((d) => void d.profile.numbers.splice(index, 1))}
      >
        ✕
      </button>
    </div>
  );
}
