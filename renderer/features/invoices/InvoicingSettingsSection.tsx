import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  invoicingSettingsInputSchema,
  type InvoicingSettings,
  type PostalAddress,
} from '../../../shared/domain/invoices/settings';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';
import { AddressFields } from './AddressFields';
import { ElectronicAddressFields } from './ElectronicAddressFields';
import { numberPreview } from './format';
import { issuesByPath, useIssueText, type IssueMap } from './use-issues';

type Form = Omit<InvoicingSettings, 'paymentTermDays'> & { paymentTermDays: string };

/** The form's values from the stored settings: the IBAN read in groups of four (the schema drops the spaces). */
function toForm(settings: InvoicingSettings): Form {
  return {
    ...settings,
    iban: settings.iban.replace(/(.{4})(?=.)/g, '$1 '),
    paymentTermDays: String(settings.paymentTermDays),
  };
}

/**
 * Réglages › Facturation électronique: what her invoices carry besides the identity above (numbering, structured
 * address, electronic address, VAT number, payment terms and mentions, bank details, « TVA sur les débits »).
 * Checked with the contract's schema before saving; each message sits under its field.
 */
export function InvoicingSettingsSection() {
  const { t } = useTranslation();
  const api = useApi();
  const [form, setForm] = useState<Form | null>(null);
  const [nextSeq, setNextSeq] = useState(1);
  const [issues, setIssues] = useState<IssueMap>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const issueText = useIssueText(issues);

  useEffect(() => {
    let live = true;
    Promise.all([api.invoices.settings({}), api.invoices.list({})])
      .then(([settings, all]) => {
        if (!live) return;
        setForm(toForm(settings));
        setNextSeq(all.length + 1);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api]);

  if (!form) {
    return error ? (
      <p role="alert" className="banner banner--error">
        {error}
      </p>
    ) : null;
  }

  const edit = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };

  // Ctrl+S inside this section saves this section (not the screen around it, which has its own Ctrl+S).
  function saveOnCtrlS(event: KeyboardEvent<HTMLFormElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
    event.preventDefault();
    event.stopPropagation();
    void save(event);
  }

  async function save(event: FormEvent | KeyboardEvent) {
    event.preventDefault();
    if (!form) return;
    const days = form.paymentTermDays.trim();
    const parsed = invoicingSettingsInputSchema.safeParse({
      ...form,
      paymentTermDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    });
    if (!parsed.success) {
      setIssues(issuesByPath(parsed.error));
      return;
    }
    setIssues({});
    try {
      const next = await api.invoices.saveSettings(parsed.data);
      setForm(toForm(next));
      setSaved(true);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <form aria-labelledby="invoicing-settings-title" onSubmit={(e) => void save(e)} onKeyDown={saveOnCtrlS}>
      <fieldset className="group invoicing-settings">
        <legend id="invoicing-settings-title">{t('invoices.settings.title')}</legend>
        <p className="field__hint">{t('invoices.settings.intro')}</p>
        <div className="form-grid form-grid--4">
          <Field
            label={t('invoices.settings.prefix')}
            error={issueText('numberPrefix')}
            hint={t('invoices.settings.prefixPreview', { number: numberPreview(form.numberPrefix, nextSeq) })}
            className="span-2"
          >
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                value={form.numberPrefix}
                onChange={(e) => edit({ numberPrefix: e.target.value })}
              />
            )}
          </Field>
          <Field
            label={t('invoices.settings.paymentTermDays')}
            error={issueText('paymentTermDays')}
            hint={t('invoices.settings.paymentTermHint')}
            className="span-2"
          >
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={form.paymentTermDays}
                onChange={(e) => edit({ paymentTermDays: e.target.value })}
              />
            )}
          </Field>
        </div>
        <fieldset className="group">
          <legend>{t('invoices.settings.address')}</legend>
          <AddressFields
            value={form.sellerAddress}
            onChange={(sellerAddress: PostalAddress) => edit({ sellerAddress })}
            error={(f) => issueText(`sellerAddress.${f}`)}
          />
        </fieldset>
        <div className="form-grid form-grid--4">
          <ElectronicAddressFields
            value={form.sellerElectronicAddress}
            onChange={(sellerElectronicAddress) => edit({ sellerElectronicAddress })}
            error={issueText('sellerElectronicAddress.id')}
            labels={{
              scheme: 'invoices.settings.scheme',
              id: 'invoices.settings.electronicAddress',
              hint: 'invoices.settings.electronicAddressHint',
            }}
          />
          <Field
            label={t('invoices.settings.vatId')}
            error={issueText('sellerVatId')}
            hint={t('invoices.settings.vatIdHint')}
            className="span-2"
          >
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                value={form.sellerVatId}
                onChange={(e) => edit({ sellerVatId: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('invoices.settings.iban')} error={issueText('iban')} className="span-2">
            {(p) => (
              <input {...p} autoComplete="off" value={form.iban} onChange={(e) => edit({ iban: e.target.value })} />
            )}
          </Field>
          <Field label={t('invoices.settings.bic')} error={issueText('bic')}>
            {(p) => (
              <input {...p} autoComplete="off" value={form.bic} onChange={(e) => edit({ bic: e.target.value })} />
            )}
          </Field>
        </div>
        <Field label={t('invoices.settings.latePenalty')} error={issueText('latePenaltyText')}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={form.latePenaltyText}
              onChange={(e) => edit({ latePenaltyText: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('invoices.settings.earlyPayment')} error={issueText('earlyPaymentText')}>
          {(p) => (
            <textarea
              {...p}
              rows={2}
              value={form.earlyPaymentText}
              onChange={(e) => edit({ earlyPaymentText: e.target.value })}
            />
          )}
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={form.vatOnDebits} onChange={(e) => edit({ vatOnDebits: e.target.checked })} />{' '}
          {t('invoices.settings.vatOnDebits')}
        </label>
        <p className="field__hint">{t('invoices.settings.vatOnDebitsHint')}</p>
        {error ? (
          <p role="alert" className="banner banner--error">
            {error}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="button" aria-keyshortcuts="Control+S">
            {t('invoices.settings.save')}
          </button>
          {saved ? <span role="status">{t('invoices.settings.saved')}</span> : null}
          {Object.keys(issues).length > 0 ? (
            <span role="alert" className="field__error">
              {t('invoices.settings.fix')}
            </span>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}
