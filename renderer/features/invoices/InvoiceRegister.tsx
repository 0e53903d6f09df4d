import { useTranslation } from 'react-i18next';
import type { InvoiceSummary } from '../../../shared/contract/methods/invoices';
import { formatDay, formatEuros } from './format';

/** The month's register: one row per invoice or credit note, its number opening the detail. */
export function InvoiceRegister({
  rows,
  monthName,
  selectedId,
  onOpen,
}: {
  rows: InvoiceSummary[];
  /** « novembre 2026 ». */
  monthName: string;
  selectedId: string | null;
  onOpen(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const byId = new Map(rows.map((r) => [r.id, r]));

  function status(row: InvoiceSummary): string {
    if (row.kind === 'credit-note') {
      const original = row.creditedInvoiceId ? byId.get(row.creditedInvoiceId)?.number : undefined;
      return original ? t('invoices.status.creditOf', { number: original }) : t('invoices.status.credit');
    }
    return row.paidOn
      ? t('invoices.status.paidOn', { date: formatDay(row.paidOn, lang) })
      : t('invoices.status.unpaid');
  }

  return (
    <table className="billing-table invoice-register">
      <caption className="muted">{t('invoices.register.caption', { month: monthName })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('invoices.register.number')}</th>
          <th scope="col">{t('invoices.register.date')}</th>
          <th scope="col">{t('invoices.register.firm')}</th>
          <th scope="col" className="num">
            {t('invoices.register.ht')}
          </th>
          <th scope="col" className="num">
            {t('invoices.register.vat')}
          </th>
          <th scope="col" className="num">
            {t('invoices.register.ttc')}
          </th>
          <th scope="col">{t('invoices.register.status')}</th>
          <th scope="col">{t('invoices.register.mail')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.id === selectedId ? 'is-selected' : undefined}>
            <th scope="row">
              <button
                type="button"
                className="button button--plain invoice-register__number"
                data-invoice-id={row.id}
                aria-label={t(
                  row.kind === 'invoice' ? 'invoices.register.openInvoice' : 'invoices.register.openCredit',
                  {
                    number: row.number,
                  },
                )}
                onClick={() => onOpen(row.id)}
              >
                {row.number}
              </button>
            </th>
            <td>{formatDay(row.issueDate, lang)}</td>
            <td>{row.firmName}</td>
            <td className="num">{formatEuros(row.linesCents, lang)}</td>
            <td className="num">{formatEuros(row.vatCents, lang)}</td>
            <td className="num">{formatEuros(row.totalCents, lang)}</td>
            <td>
              <span
                className={`invoice-status invoice-status--${row.kind === 'credit-note' ? 'credit' : row.paidOn ? 'paid' : 'unpaid'}`}
              >
                {status(row)}
              </span>
            </td>
            <td>{t(`invoices.mail.${row.mail}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
