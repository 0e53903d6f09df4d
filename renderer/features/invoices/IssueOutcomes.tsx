import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueOutcomeView } from '../../../shared/contract/methods/invoices';
import type { MissingItem } from '../../../shared/domain/invoices/settings';
import { formatEuros } from './format';

/** What she fills in herself (Réglages) and what belongs to the firm (its record, Facturation tab). */
const SELLER_ITEMS: readonly MissingItem[] = ['sellerLegalName', 'sellerSiren', 'sellerAddress', 'sellerVatId', 'iban'];

/** The result of « Émettre », firm by firm: issued with its number, blocked with what to fill in, or skipped. */
export function IssueOutcomes({
  outcomes,
  onSettings,
  onFirm,
  onOpen,
}: {
  outcomes: IssueOutcomeView[];
  onSettings(): void;
  onFirm(firmId: string): void;
  onOpen(invoiceId: string): void;
}) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  // After « Émettre » the confirmation closes: the focus lands on what happened, not on the page's top.
  useEffect(() => heading.current?.focus(), [outcomes]);
  if (outcomes.length === 0) {
    return (
      <p role="status" className="banner">
        {t('invoices.outcome.noFirm')}
      </p>
    );
  }
  return (
    <section className="invoice-outcomes" aria-label={t('invoices.outcome.title')}>
      <h3 ref={heading} tabIndex={-1}>
        {t('invoices.outcome.title')}
      </h3>
      <ul className="invoice-outcomes__list">
        {outcomes.map((o) => (
          <li key={o.firmId} className={`invoice-outcome invoice-outcome--${o.status}`}>
            <span className={`invoice-chip invoice-chip--${o.status}`}>{t(`invoices.outcome.badge.${o.status}`)}</span>
            <strong>{o.firmName}</strong>{' '}
            {o.status === 'issued' ? (
              <>
                {t('invoices.outcome.issued', {
                  number: o.invoice.number,
                  total: formatEuros(o.invoice.totalCents, i18n.language),
                })}{' '}
                <button type="button" className="button button--plain" onClick={() => onOpen(o.invoice.id)}>
                  {t('invoices.outcome.open', { number: o.invoice.number })}
                </button>
              </>
            ) : null}
            {o.status === 'skipped' ? t(`invoices.outcome.skipped.${o.reason}`, { number: o.number ?? '' }) : null}
            {o.status === 'blocked' ? (
              <>
                {t('invoices.outcome.blocked')}
                <ul className="invoice-outcome__missing">
                  {o.missing.map((item) => (
                    <li key={item}>{t(`invoices.missing.${item}`)}</li>
                  ))}
                </ul>
                <div className="row">
                  {o.missing.some((m) => SELLER_ITEMS.includes(m)) ? (
                    <button type="button" className="button" onClick={onSettings}>
                      {t('invoices.outcome.openSettings')}
                    </button>
                  ) : null}
                  {o.missing.some((m) => !SELLER_ITEMS.includes(m)) ? (
                    <button type="button" className="button" onClick={() => onFirm(o.firmId)}>
                      {t('invoices.outcome.openFirm', { firm: o.firmName })}
                    </button>
                  ) : null}
                </div>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
