import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { ExportFormat, FirmMonthView, MonthOverviewRow } from '../../../shared/contract/methods/timesheets';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDuration, formatEuros, previousMonth } from './format';
import { KpiPanel } from './KpiPanel';

interface Progress {
  jobId: string;
  done: number;
  total: number;
  files: string[];
  outDir?: string;
}

/** Facturation: the month's total per firm with its own rules, the detail (actual vs billed), locks and exports. */
export function BillingView({ api }: { api: PermanenceClient }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(previousMonth);
  const [rows, setRows] = useState<MonthOverviewRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<FirmMonthView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [confirmUnlock, setConfirmUnlock] = useState<string | null>(null);

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
              onClick={() => void runExport([f])}
              disabled={rows.length === 0}
            >
              {f.toUpperCase()}
            </button>
          ))}
          <button
            type="button"
            className="button button--primary"
            onClick={() => void runExport(['pdf', 'xlsx', 'csv'])}
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
      {detail && detail.firmId === selected ? (
        <FirmMonthDetail view={detail} onExport={(formats) => void runExport(formats, detail.firmId)} />
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

function FirmMonthDetail({ view, onExport }: { view: FirmMonthView; onExport(formats: ExportFormat[]): void }) {
  const { t, i18n } = useTranslation();
  const { statement } = view;
  const time = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: view.timeZone,
    }).format(ms);
  return (
    <section className="billing-detail" aria-label={t('timesheets.billing.detailOf', { firm: view.firmName })}>
      <header className="billing-detail__header">
        <h3>{t('timesheets.billing.detailOf', { firm: view.firmName })}</h3>
        <span className="grow" />
        {(['pdf', 'xlsx', 'csv'] as const).map((f) => (
          <button key={f} type="button" className="button" onClick={() => onExport([f])}>
            {t('timesheets.billing.exportOne', { format: f.toUpperCase() })}
          </button>
        ))}
      </header>
      <div className="billing-detail__summary">
        {statement.forfait ? (
          <p>
            {t('timesheets.billing.forfaitUse', {
              count: statement.forfait.usedQuantity,
              included: statement.forfait.includedQuantity,
              overage: statement.forfait.overageQuantity,
              amount: formatEuros(statement.forfait.totalCents, i18n.language),
            })}
          </p>
        ) : null}
        {statement.majorationLines.map((m) => (
          <p key={m.ruleId}>
            {t('timesheets.billing.majorationLine', {
              label: m.label,
              count: m.lineCount,
              amount: formatEuros(m.amountCents, i18n.language),
            })}
          </p>
        ))}
        <p className="billing-detail__total">
          {t('timesheets.billing.totalHt')} : <strong>{formatEuros(statement.totalCents, i18n.language)}</strong>
        </p>
      </div>
      <table className="billing-table billing-table--detail">
        <thead>
          <tr>
            <th scope="col">{t('timesheets.billing.when')}</th>
            <th scope="col">{t('timesheets.entry.type')}</th>
            <th scope="col">{t('timesheets.entry.label')}</th>
            <th scope="col" className="num">
              {t('timesheets.billing.actual')}
            </th>
            <th scope="col" className="num">
              {t('timesheets.billing.billed')}
            </th>
            <th scope="col">{t('timesheets.billing.mode')}</th>
            <th scope="col" className="num">
              {t('timesheets.billing.majoration')}
            </th>
            <th scope="col" className="num">
              {t('timesheets.billing.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {statement.lines.map((line) => (
            <tr key={line.entryId} title={view.notes[line.entryId] ?? undefined}>
              <td>{time(line.startedAt)}</td>
              <td>{t(`timesheets.taskType.${line.taskType}`)}</td>
              <td>{line.label}</td>
              <td className="num">{formatDuration(line.actualSeconds)}</td>
              <td className="num">
                {line.freeShortCall
                  ? t('timesheets.billing.free')
                  : line.billedSeconds !== null
                    ? formatDuration(line.billedSeconds)
                    : line.billedQuantity !== null
                      ? `× ${line.billedQuantity}`
                      : '—'}
              </td>
              <td>{t(`timesheets.mode.${line.mode}`)}</td>
              <td className="num">
                {line.majorations.length
                  ? formatEuros(
                      line.majorations.reduce((s, m) => s + m.amountCents, 0),
                      i18n.language,
                    )
                  : ''}
              </td>
              <td className="num">{formatEuros(line.amountCents, i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <KpiPanel kpi={view.kpi} />
    </section>
  );
}
