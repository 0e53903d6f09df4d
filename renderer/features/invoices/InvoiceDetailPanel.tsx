import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { InvoiceDetail } from '../../../shared/contract/methods/invoices';
import type { InvoiceParty } from '../../../shared/domain/invoices/model';
import { CreditNoteForm } from './CreditNoteForm';
import { formatDay, formatEuros, formatQuantity, formatRate } from './format';
import { PaidControl } from './PaidControl';
import { SendControl } from './SendControl';

function Party({ title, party }: { title: string; party: InvoiceParty }) {
  const { t } = useTranslation();
  const a = party.address;
  return (
    <div className="invoice-party">
      <h4>{title}</h4>
      <p>
        <strong>{party.name}</strong>
        <br />
        {t('invoices.detail.siren', { siren: party.siren })}
        <br />
        {a.line1}
        {a.line2 ? (
          <>
            <br />
            {a.line2}
          </>
        ) : null}
        <br />
        {a.postcode} {a.city} {a.countryCode !== 'FR' ? a.countryCode : ''}
        {party.vatId ? (
          <>
            <br />
            {t('invoices.detail.vatId', { vatId: party.vatId })}
          </>
        ) : null}
        <br />
        <span className="muted">
          {t('invoices.detail.electronicAddress', {
            scheme: party.electronicAddress.scheme,
            id: party.electronicAddress.id,
          })}
        </span>
      </p>
    </div>
  );
}

/** One invoice or credit note as issued (parties, lines, totals, mentions) and what she can still do with it. */
export function InvoiceDetailPanel({
  api,
  id,
  onClose,
  onOpen,
}: {
  api: PermanenceClient;
  id: string;
  onClose(): void;
  onOpen(id: string): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [detail, setDetail] = useState<InvoiceDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const panel = useRef<HTMLElement>(null);
  const shownId = detail?.invoice.id;

  // Keyboard first: opening an invoice (or the avoir just issued) moves the focus, and the view, to its detail.
  useEffect(() => {
    if (shownId !== id) return;
    heading.current?.focus({ preventScroll: true });
    // The panel sticks to the top of the screen with its own scroll: brought to the top, it shows the most.
    panel.current?.scrollIntoView?.({ block: 'start' });
  }, [shownId, id]);

  const load = useCallback(async () => {
    try {
      setDetail(await api.invoices.get({ id }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, id]);

  useEffect(() => {
    queueMicrotask(() => void load());
    return api.events.subscribe('invoices:changed', () => void load());
  }, [api, load]);

  if (!detail || detail.invoice.id !== id) {
    return error ? (
      <p className="banner banner--error" role="alert">
        {error}
      </p>
    ) : null;
  }
  const { invoice, document: doc } = detail;
  const isInvoice = invoice.kind === 'invoice';
  const title = t(isInvoice ? 'invoices.detail.invoiceTitle' : 'invoices.detail.creditTitle', {
    number: invoice.number,
  });

  return (
    <section
      ref={panel}
      className="invoice-detail"
      aria-label={title}
      onKeyDown={(e) => {
        // Échap closes the detail, except from a field (a date picker, a text being typed keeps its Échap).
        const field = ['INPUT', 'TEXTAREA', 'SELECT'].includes((e.target as HTMLElement).tagName);
        if (e.key === 'Escape' && !field) onClose();
      }}
    >
      <header className="invoice-detail__header">
        <h3 ref={heading} tabIndex={-1}>
          {title}
        </h3>
        <button type="button" className="button button--plain" onClick={onClose}>
          {t('common.close')}
        </button>
      </header>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      <dl className="invoice-detail__facts">
        <dt>{t('invoices.detail.issueDate')}</dt>
        <dd>{formatDay(doc.issueDate, lang)}</dd>
        <dt>{t('invoices.detail.period')}</dt>
        <dd>
          {t('invoices.detail.periodRange', {
            start: formatDay(doc.periodStart, lang),
            end: formatDay(doc.periodEnd, lang),
          })}
        </dd>
        {isInvoice ? (
          <>
            <dt>{t('invoices.detail.dueDate')}</dt>
            <dd>{formatDay(doc.dueDate, lang)}</dd>
          </>
        ) : null}
        {doc.preceding ? (
          <>
            <dt>{t('invoices.detail.corrects')}</dt>
            <dd>
              {t('invoices.detail.precedingOf', {
                number: doc.preceding.number,
                date: formatDay(doc.preceding.issueDate, lang),
              })}
            </dd>
            <dt>{t('invoices.detail.reason')}</dt>
            <dd>{doc.reason}</dd>
          </>
        ) : null}
        {doc.buyerReference ? (
          <>
            <dt>{t('invoices.detail.buyerReference')}</dt>
            <dd>{doc.buyerReference}</dd>
          </>
        ) : null}
      </dl>
      <div className="invoice-detail__parties">
        <Party title={t('invoices.detail.seller')} party={doc.seller} />
        <Party title={t('invoices.detail.buyer')} party={doc.buyer} />
      </div>
      <table className="billing-table invoice-lines">
        <caption className="visually-hidden">{t('invoices.detail.lines')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoices.detail.description')}</th>
            <th scope="col" className="num">
              {t('invoices.detail.quantity')}
            </th>
            <th scope="col" className="num">
              {t('invoices.detail.unitPrice')}
            </th>
            <th scope="col" className="num">
              {t('invoices.detail.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((line) => (
            <tr key={line.lineId}>
              <td>{line.description}</td>
              <td className="num">
                {formatQuantity(line.quantity10k, lang)} {t(`invoices.unit.${line.unitCode}`)}
              </td>
              <td className="num">{formatEuros(line.unitPriceCents, lang)}</td>
              <td className="num">{formatEuros(line.amountCents, lang)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {t('invoices.detail.totalHt')}
            </th>
            <td className="num">{formatEuros(doc.totals.taxBasisCents, lang)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              {doc.vat.category === 'E'
                ? t('invoices.detail.vatNone')
                : t('invoices.detail.vatRate', { rate: formatRate(doc.vat.rateBasisPoints, lang) })}
            </th>
            <td className="num">{formatEuros(doc.totals.vatCents, lang)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              {t('invoices.detail.totalTtc')}
            </th>
            <td className="num">
              <strong>{formatEuros(doc.totals.grandTotalCents, lang)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
      <p className="invoice-detail__mention">
        {doc.vat.category === 'E' ? doc.vat.exemptionReason : null}
        {doc.vat.dueDateTypeCode === '5' ? t('invoices.detail.onDebits') : null}
      </p>
      {detail.credits.length > 0 ? (
        <p>
          {t('invoices.detail.credits')}{' '}
          {detail.credits.map((c) => (
            <button key={c.id} type="button" className="button button--plain" onClick={() => onOpen(c.id)}>
              {t('invoices.detail.creditLink', { number: c.number, amount: formatEuros(c.linesCents, lang) })}
            </button>
          ))}
        </p>
      ) : null}
      <div className="invoice-detail__actions">
        {isInvoice ? <PaidControl api={api} invoice={invoice} onError={setError} /> : null}
        <SendControl api={api} invoice={invoice} />
        {isInvoice ? <CreditNoteForm api={api} detail={detail} onIssued={onOpen} /> : null}
      </div>
    </section>
  );
}
