import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { InvoiceSummary } from '../../../shared/contract/methods/invoices';
import { formatDay, todayIso } from './format';

/** « Marquer payée » with the day the money arrived (today unless she says otherwise), and its undo. */
export function PaidControl({
  api,
  invoice,
  onError,
}: {
  api: PermanenceClient;
  invoice: InvoiceSummary;
  onError(message: string | null): void;
}) {
  const { t, i18n } = useTranslation();
  const dateId = useId();
  const [paidOn, setPaidOn] = useState(() => todayIso());
  const action = useRef<HTMLButtonElement>(null);
  const acted = useRef(false);

  // The button she pressed gives way to its opposite (mark ↔ undo): the focus follows instead of falling to the page.
  useEffect(() => {
    if (!acted.current) return;
    acted.current = false;
    action.current?.focus();
  }, [invoice.paidOn]);

  async function mark(value: string | null) {
    acted.current = true;
    try {
      await api.invoices.markPaid({ id: invoice.id, paidOn: value });
      onError(null);
    } catch (e) {
      onError((e as Error).message);
    }
  }

  return (
    <fieldset className="group invoice-action">
      <legend>{t('invoices.paid.title')}</legend>
      {invoice.paidOn ? (
        <div className="row">
          <span role="status">{t('invoices.paid.paidOn', { date: formatDay(invoice.paidOn, i18n.language) })}</span>
          <button ref={action} type="button" className="button" onClick={() => void mark(null)}>
            {t('invoices.paid.undo')}
          </button>
        </div>
      ) : (
        <div className="row">
          <label htmlFor={dateId}>{t('invoices.paid.date')}</label>
          <input id={dateId} type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
          <button
            ref={action}
            type="button"
            className="button button--primary"
            disabled={!/^\d{4}-\d{2}-\d{2}$/.test(paidOn)}
            onClick={() => void mark(paidOn)}
          >
            {t('invoices.paid.mark')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
