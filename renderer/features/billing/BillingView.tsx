import { useCallback, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { ExportFormat, FirmMonthView, MonthOverviewRow } from '../../../shared/contract/methods/timesheets';
import { ShellContext } from '../../app/shell-context';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { EmptyMonth } from './EmptyMonth';
import { ExportIdentityDialog, missingIdentity, type IdentityField } from './ExportIdentityDialog';
import { FirmMonthDetail } from './FirmMonthDetail';
import { currentMonth, formatDuration, formatEuros } from './format';

interface Progress {
  jobId: string;
  done: number;
  total: number;
  files: string[];
  outDir?: string;
}

/**
 * Facturation: the month's total per firm with its own rules, the detail (actual vs billed), locks and exports.
 * Opens on the current month (the work she is doing), says why a month is empty, and asks before a relevé leaves
 * with her identity incomplete.
 */
export function BillingView({ api }: { api: PermanenceClient }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(currentMonth);
  const [rows, setRows] = useState<MonthOverviewRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<FirmMonthView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [confirmUnlock, setConfirmUnlock] = useState<string | null>(null);
  const [pendingExport, setPendingExport] = useState<{
    formats: ExportFormat[];
    firmId: string | undefined;
    missing: IdentityField[];
  } | null>(null);
  const shell = useContext(ShellContext);

  const reload = useCallback(async () => {
    try {
      setRows(await api.billing.overview({ month }));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, month]);

  useEffect(() => {
    // Loaded from a microtask so the effect itself only subscribes (state is set when the answer arrives).
    queueMicrotask(() => void reload());
    return api.events.subscribe('timesheets:changed', () => void reload());
  }, [api, reload]);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    api.billing
      .firmMonth({ firmId: selected, month })
      .then((view) => live && setDetail(view))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, selected, month, rows]);

  useEffect(
    () =>
      api.events.subscribe('exports:progress', (p) =>
        setProgress((current) =>
          current && current.jobId === p.jobId
            ? { ...current, done: p.done, total: p.total, files: p.file ? [...current.files, p.file] : current.files }
            : current,
        ),
      ),
    [api],
  );

  async function toggleLock(firmId: string, locked: boolean) {
    try {
      if (locked) await api.billing.unlock({ firmId, month, reason: '' });
      else await api.billing.lock({ firmId, month, reason: '' });
      setConfirmUnlock(null);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  /** A PDF or XLSX relevé prints her identity: if some of it is missing, say what before writing the files. */
  async function requestExport(formats: ExportFormat[], firmId?: string) {
    if (formats.some((f) => f !== 'csv')) {
      try {
        const missing = missingIdentity(await api.settings.get({}));
        if (missing.length) {
          setPendingExport({ formats, firmId, missing });
          return;
        }
      } catch (e) {
        setError((e as Error).message);
        return;
      }
    }
    await runExport(formats, firmId);
  }

  async function runExport(formats: ExportFormat[], firmId?: string) {
    const jobId = crypto.randomUUID();
    setProgress({ jobId, done: 0, total: formats.length * (firmId ? 1 : rows.length), files: [] });
    try {
      const result = await api.exports.run({ month, formats, jobId, ...(firmId ? { firmId } : {}) });
      setProgress((p) => (p ? { ...p, done: p.total, outDir: result.outDir, files: result.files } : p));
    } catch (e) {
      setError((e as Error).message);
      setProgress(null);
    }
  }

  const total = rows.reduce((sum, r) => sum + r.totalCents, 0);
  const lockedRow = (firmId: string) => rows.find((r) => r.firmId === firmId)?.lock ?? null;

  return (
    <div className="billing-view">
      <header className="billing-view__header">
        <h2>{t('timesheets.billing.title')}</h2>
        <label className="billing-view__month">
          {t('timesheets.billing.month')}
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
        <span className="grow" />
        <div className="billing-view__exports" role="group" aria-label={t('timesheets.billing.exportAll')}>
          <span className="muted">{t('timesheets.billing.exportAll')}</span>
          {(['pdf', 'xlsx', 'csv'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="button"
              onClick={() => void requestExport([f])}
              disabled={rows.length === 0}
            >
              {f.toUpperCase()}
            </button>
          ))}
          <button
            type="button"
            className="button button--primary"
            onClick={() => void requestExport(['pdf', 'xlsx', 'csv'])}
            disabled={rows.length === 0}
          >
            {t('timesheets.billing.exportEverything')}
          </button>
        </div>
      </header>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {progress ? (
        <div className="billing-progress" role="status" aria-live="polite">
          <progress
            max={Math.max(1, progress.total)}
            value={progress.done}
            aria-label={t('timesheets.billing.progress')}
          />
          <span>
            {progress.outDir
              ? t('timesheets.billing.exported', { count: progress.files.length, dir: progress.outDir })
              : t('timesheets.billing.exporting', { done: progress.done, total: progress.total })}
          </span>
        </div>
      ) : null}
      <table className="billing-table">
        <caption className="muted">{t('timesheets.billing.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('timesheets.billing.firm')}</th>
            <th scope="col">{t('timesheets.billing.entries')}</th>
            <th scope="col">{t('timesheets.billing.actual')}</th>
            <th scope="col">{t('timesheets.billing.billed')}</th>
            <th scope="col">{t('timesheets.billing.calls')}</th>
            <th scope="col" className="num">
              {t('timesheets.billing.totalHt')}
            </th>
            <th scope="col">{t('timesheets.billing.lock')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.firmId} className={selected === row.firmId ? 'is-selected' : undefined}>
              <th scope="row">
                <button
                  type="button"
                  className="button button--plain billing-table__firm"
                  onClick={() => setSelected(row.firmId)}
                >
                  <span className="dot" style={{ background: row.color }} aria-hidden /> {row.firmName}
                </button>
              </th>
              <td>{row.entryCount}</td>
              <td>{formatDuration(row.actualSeconds)}</td>
              <td>{formatDuration(row.billedSeconds)}</td>
              <td>{row.callsOffered}</td>
              <td className="num">{formatEuros(row.totalCents, i18n.language)}</td>
              <td>
                <button
                  type="button"
                  className={`button ${row.lock ? 'billing-locked' : ''}`}
                  aria-pressed={Boolean(row.lock)}
                  aria-label={t(row.lock ? 'timesheets.billing.unlockFirm' : 'timesheets.billing.lockFirm', {
                    firm: row.firmName,
                  })}
                  onClick={() => (row.lock ? setConfirmUnlock(row.firmId) : void toggleLock(row.firmId, false))}
                >
                  {row.lock ? t('timesheets.billing.locked') : t('timesheets.billing.lockAction')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              {t('timesheets.billing.grandTotal')}
            </th>
            <td className="num">{formatEuros(total, i18n.language)}</td>
            <td />
          </tr>
        </tfoot>
      </table>
      {rows.length === 0 ? <p className="empty-state">{t('timesheets.billing.noFirms')}</p> : null}
      {rows.length > 0 && rows.every((r) => r.entryCount === 0) ? (
        <EmptyMonth month={month} rows={rows} onMonth={setMonth} />
      ) : null}
      {detail && detail.firmId === selected ? (
        <FirmMonthDetail view={detail} onExport={(formats) => void requestExport(formats, detail.firmId)} />
      ) : null}
      {pendingExport ? (
        <ExportIdentityDialog
          missing={pendingExport.missing}
          onCancel={() => setPendingExport(null)}
          onSettings={() => {
            setPendingExport(null);
            shell?.getState().setSettingsOpen(true);
          }}
          onExportAnyway={() => {
            setPendingExport(null);
            void runExport(pendingExport.formats, pendingExport.firmId);
          }}
        />
      ) : null}
      {confirmUnlock ? (
        <ConfirmDialog
          title={t('timesheets.billing.unlockTitle')}
          onCancel={() => setConfirmUnlock(null)}
          choices={[
            {
              label: t('timesheets.billing.unlockConfirm'),
              onSelect: () => void toggleLock(confirmUnlock, true),
              variant: 'danger',
            },
            { label: t('common.cancel'), onSelect: () => setConfirmUnlock(null) },
          ]}
        >
          <p>
            {t('timesheets.billing.unlockBody', {
              by: lockedRow(confirmUnlock)?.lockedBy ?? '',
            })}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
