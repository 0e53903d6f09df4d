import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { ImportReportView } from '../../../shared/contract/methods/timesheets';
import type { FirmSummary } from '../../../shared/domain/firm/firm';
import type { TimeEntry } from '../../../shared/domain/timesheet';
import { currentMonth, formatDuration, monthRange } from '../billing/format';
import { QuickEntryDialog } from './QuickEntryDialog';

/** Temps: the month's entries per firm (calls, manual, timer, import), edits audited by main, and the CSV import. */
export function TimesheetsView({ api }: { api: PermanenceClient }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(currentMonth);
  const [firms, setFirms] = useState<FirmSummary[]>([]);
  const [firmId, setFirmId] = useState('');
  const [entries, setEntries] = useState<TimeEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [pending, setPending] = useState<{ content: string; fileName: string } | null>(null);

  const reload = useCallback(async () => {
    try {
      const { from, to } = monthRange(month);
      const page = await api.timesheets.list({ from, to, limit: 1000, ...(firmId ? { firmId } : {}) });
      setEntries(page.items);
      setTotal(page.total);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, month, firmId]);

  useEffect(() => {
    void api.firms.list({}).then(setFirms);
  }, [api]);
  useEffect(() => {
    queueMicrotask(() => void reload());
    return api.events.subscribe('timesheets:changed', () => void reload());
  }, [api, reload]);

  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  async function pickFile(file: File | undefined) {
    if (!file || !firmId) return;
    const content = await file.text();
    setPending({ content, fileName: file.name });
    await act(async () => setReport(await api.timesheets.previewImport({ firmId, content, fileName: file.name })));
  }

  const firmName = (id: string) => firms.find((f) => f.id === id)?.name ?? id;
  const when = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(ms);

  return (
    <div className="timesheets-view">
      <header className="billing-view__header">
        <h2>{t('timesheets.view.title')}</h2>
        <label className="billing-view__month">
          {t('timesheets.billing.month')}
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
        <label className="billing-view__month">
          {t('timesheets.entry.firm')}
          <select value={firmId} onChange={(e) => setFirmId(e.target.value)}>
            <option value="">{t('timesheets.view.allFirms')}</option>
            {firms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <span className="grow" />
        <button
          type="button"
          className="button button--primary"
          aria-keyshortcuts="Control+E"
          onClick={() => setAdding(true)}
          disabled={firms.length === 0}
        >
          {t('timesheets.view.add')}
        </button>
        <label
          className={`button file-button ${firmId ? '' : 'is-disabled'}`}
          title={firmId ? undefined : t('timesheets.import.pickFirm')}
        >
          {t('timesheets.import.button')}
          <input
            type="file"
            accept=".csv,text/csv"
            disabled={!firmId}
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
        </label>
      </header>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {report ? (
        <section className="timesheets-import" aria-label={t('timesheets.import.title')}>
          <h3>
            {t('timesheets.import.title')} — {report.fileName}
          </h3>
          {report.imported > 0 ? (
            <p className="banner banner--ok" role="status">
              {t('timesheets.import.done', { count: report.imported })}
            </p>
          ) : report.errors.length > 0 ? (
            <>
              <p className="banner banner--error" role="alert">
                {t('timesheets.import.refused', { count: report.errors.length })}
              </p>
              <ul className="timesheets-import__errors">
                {report.errors.slice(0, 100).map((e, i) => (
                  <li key={i}>
                    {t('timesheets.import.lineError', { line: e.line, column: e.column, message: e.message })}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('timesheets.import.ready', { count: report.rows })}</p>
          )}
          <p className="muted">
            {t('timesheets.import.mapping')} :{' '}
            {Object.entries(report.mapping)
              .map(([field, index]) => `${t(`timesheets.import.field.${field}`)} ← « ${report.header[index] ?? ''} »`)
              .join(', ')}
          </p>
          <div className="dialog__actions">
            {report.errors.length === 0 && report.imported === 0 && pending ? (
              <button
                type="button"
                className="button button--primary"
                onClick={() => void act(async () => setReport(await api.timesheets.import({ firmId, ...pending })))}
              >
                {t('timesheets.import.confirm', { count: report.rows })}
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => (setReport(null), setPending(null))}>
              {t('common.close')}
            </button>
          </div>
        </section>
      ) : null}
      <table className="billing-table">
        <caption className="muted">{t('timesheets.view.count', { count: total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('timesheets.billing.when')}</th>
            {firmId ? null : <th scope="col">{t('timesheets.entry.firm')}</th>}
            <th scope="col">{t('timesheets.entry.type')}</th>
            <th scope="col">{t('timesheets.entry.label')}</th>
            <th scope="col">{t('timesheets.entry.source')}</th>
            <th scope="col" className="num">
              {t('timesheets.billing.actual')}
            </th>
            <th scope="col" className="num">
              {t('timesheets.entry.quantity')}
            </th>
            <th scope="col">{t('timesheets.entry.billable')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('timesheets.view.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} title={e.note || undefined}>
              <td>{when(e.startedAt)}</td>
              {firmId ? null : <td>{firmName(e.firmId)}</td>}
              <td>{t(`timesheets.taskType.${e.taskType}`)}</td>
              <td>
                {e.label}
                {e.urgent ? <span className="badge">{t('timesheets.entry.urgent')}</span> : null}
              </td>
              <td>{t(`timesheets.source.${e.source}`)}</td>
              <td className="num">{formatDuration(e.durationSeconds)}</td>
              <td className="num">{e.quantity}</td>
              <td>
                <input
                  type="checkbox"
                  checked={e.billable}
                  aria-label={t('timesheets.entry.billableOf', {
                    label: e.label || t(`timesheets.taskType.${e.taskType}`),
                  })}
                  onChange={(ev) =>
                    void act(() => api.timesheets.update({ id: e.id, patch: { billable: ev.target.checked } }))
                  }
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button--danger-plain"
                  aria-label={t('timesheets.view.delete', { label: e.label || t(`timesheets.taskType.${e.taskType}`) })}
                  onClick={() => void act(() => api.timesheets.remove({ id: e.id }))}
                >
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {adding ? (
        <QuickEntryDialog
          api={api}
          mode="entry"
          firms={firms}
          defaultFirmId={firmId || null}
          onStartTimer={async () => undefined}
          onClose={() => (setAdding(false), void reload())}
        />
      ) : null}
    </div>
  );
}
