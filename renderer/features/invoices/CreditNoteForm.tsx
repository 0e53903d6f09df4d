import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { InvoiceDetail } from '../../../shared/contract/methods/invoices';
import { Field } from '../../ui/Field';
import { formatEuros, parseEuros } from './format';

/**
 * « Établir un avoir »: the whole amount still creditable or a part typed in euros (« 12,50 »), with a reason.
 * Never more than what is left (the service refuses it too); the avoir gets the next number, final like an invoice.
 */
export function CreditNoteForm({
  api,
  detail,
  onIssued,
}: {
  api: PermanenceClient;
  detail: InvoiceDetail;
  onIssued(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const left = detail.creditableCents;
  const [mode, setMode] = useState<'full' | 'partial'>('full');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  if (left <= 0) {
    return (
      <fieldset className="group invoice-action">
        <legend>{t('invoices.credit.title')}</legend>
        <p>{t('invoices.credit.none')}</p>
      </fieldset>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    let cents: number | null = null;
    if (mode === 'partial') {
      cents = parseEuros(amount);
      if (cents === null || cents <= 0) next.amount = t('invoices.credit.amountInvalid');
      else if (cents > left) next.amount = t('invoices.credit.tooMuch', { left: formatEuros(left, lang) });
    }
    if (reason.trim() === '') next.reason = t('invoices.credit.reasonRequired');
    setErrors(next);
    if (next.amount || next.reason) return;
    setBusy(true);
    try {
      const credit = await api.invoices.creditNote({
        invoiceId: detail.invoice.id,
        amountCents: mode === 'full' ? null : cents,
        reason: reason.trim(),
      });
      setAmount('');
      setReason('');
      onIssued(credit.id);
    } catch (e) {
      setErrors({ form: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="group invoice-action" aria-label={t('invoices.credit.title')} onSubmit={(e) => void submit(e)}>
      <h4>{t('invoices.credit.title')}</h4>
      <p>{t('invoices.credit.left', { left: formatEuros(left, lang) })}</p>
      <div className="row" role="radiogroup" aria-label={t('invoices.credit.what')}>
        <label className="checkbox">
          <input type="radio" name="credit-mode" checked={mode === 'full'} onChange={() => setMode('full')} />{' '}
          {t('invoices.credit.full', { left: formatEuros(left, lang) })}
        </label>
        <label className="checkbox">
          <input type="radio" name="credit-mode" checked={mode === 'partial'} onChange={() => setMode('partial')} />{' '}
          {t('invoices.credit.partial')}
        </label>
      </div>
      {mode === 'partial' ? (
        <Field label={t('invoices.credit.amount')} error={errors.amount ?? null} hint={t('invoices.credit.amountHint')}>
          {(p) => (
            <input
              {...p}
              inputMode="decimal"
              autoComplete="off"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
      ) : null}
      <Field label={t('invoices.credit.reason')} error={errors.reason ?? null}>
        {(p) => <textarea {...p} rows={2} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {errors.form ? (
        <p role="alert" className="field__error">
          {errors.form}
        </p>
      ) : null}
      <p className="field__hint">{t('invoices.credit.final')}</p>
      <button type="submit" className="button" disabled={busy}>
        {t('invoices.credit.submit')}
      </button>
    </form>
  );
}
