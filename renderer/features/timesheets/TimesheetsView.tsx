import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { FirmSummary } from '../../../shared/domain/firm/firm';
import { DateTime } from 'luxon';
import { monthOf, type TimeEntry } from '../../../shared/domain/timesheet';
import { zoneDiffers, zoneLabel } from '../../ui/zone';
import { currentMonth, formatDuration, monthRange } from '../billing/format';
import { EntryEditForm } from './EntryEditForm';
import { QuickEntryDialog } from './QuickEntryDialog';
import { readFileBase64 } from '../../ui/read-file';
import { TimesheetImportPanel } from './TimesheetImportPanel';
import { FirmSelect } from '../../ui/FirmSelect';

/** [start, end) of 'YYYY-MM' in a zone (billing's own computation runs in main). */
function monthPeriodIn(month: string, zone: string): { start: number; end: number } {
  const first = DateTime.fromISO(`${month}-01T00:00:00`, { zone });
  return { start: first.toMillis(), end: first.plus({ months: 1 }).toMillis() };
}

/**
 * Temps: the month's entries per firm (calls, manual, timer, import), edits audited by main, and the CSV import.
 * A firm's month and times are read in the firm's zone (as billing and the edit form do), the zone said when it is
 * not the computer's; demo work is listed, marked « démo », and never billable.
 */
export function TimesheetsView({ api }: { api: PermanenceClient }) {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState(currentMonth);
  const [firms, setFirms] = useState<FirmSummary[]>([]);
  const [firmId, setFirmId] = useState('');
  const [entries, setEntries] = useState<TimeEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<TimeEntry | null>(null);
  /** The file being imported; `pick` counts the choices, so choosing the same file again checks it again. */
  const [pending, setPending] = useState<{ content: string; fileName: string; pick: number } | null>(null);

  const reload = useCallback(async () => {
    try {
      const zoneOf = (id: string) => firms.find((f) => f.id === id)?.timeZone;
      const zones = [...new Set((firmId ? [zoneOf(firmId)] : firms.map((f) => f.timeZone)).filter(Boolean))];
      // The month in each firm's zone: ask for the span covering them all, keep each entry of its firm's month.
      const periods = zones.map((zone) => monthPeriodIn(month, zone!));
      const { from, to } = periods.length
        ? { from: Math.min(...periods.map((p) => p.start)), to: Math.max(...periods.map((p) => p.end)) }
        : monthRange(month);
      const page = await api.timesheets.list({ from, to, limit: 1000, ...(firmId ? { firmId } : {}) });
      const inMonth = page.items.filter((e) => {
        const zone = zoneOf(e.firmId);
        return !zone || monthOf(e.startedAt, zone) === month;
      });
      setEntries(inMonth);
      setTotal(page.total - (page.items.length - inMonth.length));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [api, month, firmId, firms]);

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
    const content = await readFileBase64(file);
    setPending((previous) => ({ content, fileName: file.name, pick: (previous?.pick ?? 0) + 1 }));
  }

  const firmName = (id: string) => firms.find((f) => f.id === id)?.name ?? id;
  const when = (e: TimeEntry) => {
    const timeZone = firms.find((f) => f.id === e.firmId)?.timeZone;
    const text = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      dateStyle: 'short',
      timeStyle: 'short',
      ...(timeZone ? { timeZone } : {}),
    }).format(e.startedAt);
    return timeZone && zoneDiffers(timeZone, e.startedAt) ? (
      <>
        {text}
        <span className="zone-note">{zoneLabel(timeZone, e.startedAt, i18n.language)}</span>
      </>
    ) : (
      text
    );
  };

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
          <FirmSelect firms={firms} value={firmId} onChange={setFirmId} allLabel={t('timesheets.view.allFirms')} />
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
            onChange={(e) => {
              void pickFile(e.target.files?.[0]);
              // Cleared so that choosing the same file again (imported once already) fires a change.
              e.target.value = '';
            }}
          />
        </label>
      </header>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {pending && firmId ? (
        <TimesheetImportPanel
          key={`${firmId}:${pending.fileName}:${pending.pick}`}
          api={api}
          firmId={firmId}
          content={pending.content}
          fileName={pending.fileName}
          onClose={() => setPending(null)}
          onImported={() => void reload()}
        />
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
              <td>{when(e)}</td>
              {firmId ? null : <td>{firmName(e.firmId)}</td>}
              <td>{t(`timesheets.taskType.${e.taskType}`)}</td>
              <td>
                {e.label}
                {e.urgent ? <span className="badge">{t('timesheets.entry.urgent')}</span> : null}
                {e.demo ? (
                  <span className="phone-card__badge badge--after" title={t('timesheets.entry.demoHint')}>
                    {t('timesheets.entry.demo')}
                  </span>
                ) : null}
              </td>
              <td>{t(`timesheets.source.${e.source}`)}</td>
              <td className="num">{formatDuration(e.durationSeconds)}</td>
              <td className="num">{e.quantity}</td>
              <td>
                {e.demo ? (
                  <span className="muted">{t('timesheets.entry.demoNeverBilled')}</span>
                ) : (
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
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="button button--plain"
                  aria-label={t('timesheets.view.edit', { label: e.label || t(`timesheets.taskType.${e.taskType}`) })}
                  onClick={() => setEditing(e)}
                >
                  ✎
                </button>
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
      {editing ? (
        <EntryEditForm
          key={editing.id}
          api={api}
          entry={editing}
          onClose={() => setEditing(null)}
          onSaved={() => void reload()}
        />
      ) : null}
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
