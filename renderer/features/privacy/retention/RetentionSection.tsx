import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_RETENTION,
  RETENTION_BOUNDS,
  retentionPolicySchema,
  type FirmRetention,
  type RetentionPolicy,
} from '../../../../shared/domain/retention';
import { useApi } from '../../../api/client';
import { Field } from '../../../ui/Field';

const KEYS = ['messagesMonths', 'callsMonths', 'timeEntriesMonths', 'auditMonths'] as const satisfies ReadonlyArray<
  keyof RetentionPolicy
>;
type Form = Record<keyof RetentionPolicy, string>;
const toForm = (policy: RetentionPolicy): Form => Object.fromEntries(KEYS.map((k) => [k, String(policy[k])])) as Form;

/**
 * Firm editor › Confidentialité › Durées de conservation: the firm decides how long its data is kept; the daily
 * purge applies it. Saved on its own (privacy:saveRetention), Ctrl+S inside the section saves the section.
 */
export function RetentionSection({ firmId }: { firmId: string }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<FirmRetention | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [invalid, setInvalid] = useState<Array<keyof RetentionPolicy>>([]);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.privacy
      .retention({ firmId })
      .then((value) => {
        if (!live) return;
        setState(value);
        setForm(toForm(value.policy));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, firmId]);

  if (!form || !state) {
    return error ? (
      <p role="alert" className="banner banner--error">
        {error}
      </p>
    ) : null;
  }

  async function save(event: FormEvent | KeyboardEvent) {
    event.preventDefault();
    event.stopPropagation();
    if (!form) return;
    const parsed = retentionPolicySchema.safeParse(Object.fromEntries(KEYS.map((k) => [k, Number(form[k])])));
    if (!parsed.success) {
      setInvalid(parsed.error.issues.map((issue) => issue.path[0] as keyof RetentionPolicy));
      return;
    }
    setInvalid([]);
    try {
      const next = await api.privacy.saveRetention({ firmId, policy: parsed.data });
      setState(next);
      setForm(toForm(next.policy));
      setSaved(true);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  function saveOnCtrlS(event: KeyboardEvent<HTMLFormElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
    void save(event);
  }

  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' });
  return (
    <form aria-labelledby="retention-title" onSubmit={(e) => void save(e)} onKeyDown={saveOnCtrlS}>
      <fieldset className="billing-rules__group retention">
        <legend id="retention-title">{t('privacy.retention.title')}</legend>
        <p className="field__hint">
          {t('privacy.retention.intro')}{' '}
          {state.custom ? t('privacy.retention.custom') : t('privacy.retention.defaults')}
        </p>
        <div className="retention__grid">
          {KEYS.map((key) => (
            <Field
              key={key}
              label={t(`privacy.retention.${key}`)}
              hint={t(`privacy.retention.${key}Hint`, { default: DEFAULT_RETENTION[key] })}
              error={invalid.includes(key) ? t('privacy.retention.outOfBounds', RETENTION_BOUNDS[key]) : null}
            >
              {(p) => (
                <span className="retention__months">
                  <input
                    {...p}
                    type="number"
                    inputMode="numeric"
                    min={RETENTION_BOUNDS[key].min}
                    max={RETENTION_BOUNDS[key].max}
                    step={1}
                    value={form[key]}
                    onChange={(e) => {
                      setForm({ ...form, [key]: e.target.value });
                      setSaved(false);
                    }}
                  />
                  <span aria-hidden>{t('privacy.retention.months')}</span>
                </span>
              )}
            </Field>
          ))}
        </div>
        <p className="field__hint">
          {state.lastPurgeAt === null
            ? t('privacy.retention.neverPurged')
            : t('privacy.retention.lastPurge', { date: dates.format(state.lastPurgeAt) })}
        </p>
        {error ? (
          <p role="alert" className="banner banner--error">
            {error}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="button button--plain" aria-keyshortcuts="Control+S">
            {t('privacy.retention.save')}
          </button>
          {saved ? <span role="status">{t('privacy.retention.saved')}</span> : null}
        </div>
      </fieldset>
    </form>
  );
}
