import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { InvoiceExportResult, IssueOutcomeView } from '../../../shared/contract/methods/invoices';
import { ShellContext } from '../../app/shell-context';
import type { ViewProps } from '../../app/views';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FirmSelect } from '../../ui/FirmSelect';
import { formatEuros, formatMonth, previousMonth } from './format';
import { InvoiceDetailPanel } from './InvoiceDetailPanel';
import { InvoiceRegister } from './InvoiceRegister';
import { IssueOutcomes } from './IssueOutcomes';
import { useMonthInvoices } from './use-month-invoices';

/**
 * Factures: the month's invoices and credit notes as a register, issuing (every firm or one) from locked relevés
 * after a confirmation, and the detail of one invoice with its actions. Opens on the previous month: invoices
 * are issued once a month is over.
 */
export function InvoicesView({ api, firmsStore }: Pick<ViewProps, 'api' | 'firmsStore'>) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const shell = useContext(ShellContext);
  const firms = useStore(firmsStore, (s) => s.firms);
  const [month, setMonth] = useState(() => previousMonth());
  const { rows, error: listError } = useMonthInvoices(api, month);
  const [firmId, setFirmId] = useState('');
  const [confirm, setConfirm] = useState<{ firmId: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<IssueOutcomeView[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [exported, setExported] = useState<InvoiceExportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const monthName = formatMonth(month, lang);
  const firmName = (id: string) => firms.find((f) => f.id === id)?.name ?? '';

  async function issue(target: string | null) {
    setConfirm(null);
    setBusy(true);
    setError(null);
    try {
      setOutcomes(await api.invoices.issue({ month, firmId: target }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function exportMonth() {
    setError(null);
    setExported(null);
    try {
      setExported(await api.invoices.export({ month }));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  /** Back to the register, on the row she came from. */
  function closeDetail(id: string) {
    setSelected(null);
    queueMicrotask(() => document.querySelector<HTMLElement>(`[data-invoice-id="${id}"]`)?.focus());
  }

  function changeMonth(value: string) {
    if (!value) return;
    setMonth(value);
    setOutcomes(null);
    setExported(null);
    setSelected(null);
  }

  const totals = rows.reduce(
    (sum, r) => {
      const sign = r.kind === 'credit-note' ? -1 : 1;
      return { ht: sum.ht + sign * r.linesCents, ttc: sum.ttc + sign * r.totalCents };
    },
    { ht: 0, ttc: 0 },
  );

  return (
    <div className="billing-view invoices-view">
      <header className="billing-view__header">
        <h2>{t('invoices.title')}</h2>
        <label className="billing-view__month">
          {t('invoices.month')}
          <input
            type="month"
            value={month}
            aria-describedby="invoices-month-hint"
            onChange={(e) => changeMonth(e.target.value)}
          />
        </label>
        <span className="grow" />
        <button type="button" className="button" onClick={() => void exportMonth()} disabled={rows.length === 0}>
          {t('invoices.export.action')}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => setConfirm({ firmId: null })}
        >
          {t('invoices.issue.all')}
        </button>
      </header>
      <p id="invoices-month-hint" className="field__hint">
        {t('invoices.monthHint')}
      </p>
      <div className="row invoices-view__firm" role="group" aria-label={t('invoices.issue.oneGroup')}>
        <label htmlFor="invoices-firm">{t('invoices.issue.firm')}</label>
        <FirmSelect
          id="invoices-firm"
          firms={firms}
          value={firmId}
          onChange={setFirmId}
          allLabel={t('invoices.issue.pick')}
        />
        <button
          type="button"
          className="button"
          disabled={busy || firmId === ''}
          onClick={() => setConfirm({ firmId })}
        >
          {t('invoices.issue.one')}
        </button>
      </div>
      {error || listError ? (
        <p className="banner banner--error" role="alert">
          {error ?? listError}
        </p>
      ) : null}
      {busy ? (
        <p role="status" className="banner">
          {t('invoices.issue.busy')}
        </p>
      ) : null}
      {outcomes ? (
        <IssueOutcomes
          outcomes={outcomes}
          onSettings={() => shell?.getState().setSettingsOpen(true)}
          onFirm={(id) => {
            firmsStore.getState().select(id);
            shell?.getState().setView('firms');
          }}
          onOpen={setSelected}
        />
      ) : null}
      {exported ? (
        <section className="banner banner--ok invoice-export" role="status" aria-label={t('invoices.export.title')}>
          <p>{t('invoices.export.done', { count: exported.files.length, dir: exported.outDir })}</p>
          <ul>
            {exported.files.map((f) => (
              <li key={f}>{f.slice(exported.outDir.length + 1) || f}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className={`invoices-view__body ${selected ? 'has-detail' : ''}`}>
        <div className="invoices-view__register">
          <InvoiceRegister rows={rows} monthName={monthName} selectedId={selected} onOpen={setSelected} />
          {rows.length === 0 ? (
            <p className="empty-state">{t('invoices.register.empty', { month: monthName })}</p>
          ) : (
            <p className="muted">
              {t('invoices.register.totals', {
                count: rows.length,
                ht: formatEuros(totals.ht, lang),
                ttc: formatEuros(totals.ttc, lang),
              })}
            </p>
          )}
        </div>
        {selected ? (
          <InvoiceDetailPanel api={api} id={selected} onClose={() => closeDetail(selected)} onOpen={setSelected} />
        ) : null}
      </div>
      {confirm ? (
        <ConfirmDialog
          title={t('invoices.confirm.title')}
          onCancel={() => setConfirm(null)}
          choices={[
            // Issuing is final: the safe choice has the focus, Enter does not issue by accident.
            { label: t('common.cancel'), onSelect: () => setConfirm(null) },
            { label: t('invoices.confirm.issue'), variant: 'primary', onSelect: () => void issue(confirm.firmId) },
          ]}
        >
          <p>
            {confirm.firmId
              ? t('invoices.confirm.one', { firm: firmName(confirm.firmId), month: monthName })
              : t('invoices.confirm.all', { month: monthName })}
          </p>
          <p>{t('invoices.confirm.final')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
