import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { ImportReportView } from '../../../shared/contract/methods/timesheets';
import { IMPORT_FIELDS, type ColumnMappingInput, type ImportField } from '../../../shared/domain/timesheet-import';
import { formatDuration } from '../billing/format';

interface Props {
  api: PermanenceClient;
  firmId: string;
  /** The file's bytes in base64 (see renderer/ui/read-file.ts): main decodes them. */
  content: string;
  fileName: string;
  onClose(): void;
  onImported(): void;
}

const IGNORE = '';
const PREVIEW_ROWS = 5;

/**
 * The CSV import: main guesses the columns, she corrects them (one select per field, "— ignorer —" included),
 * every change re-runs the line-by-line validation, and the import is all-or-nothing.
 */
export function TimesheetImportPanel({ api, firmId, content, fileName, onClose, onImported }: Props) {
  const { t, i18n } = useTranslation();
  const when = (ms: number) =>
    new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(ms);
  const [report, setReport] = useState<ImportReportView | null>(null);
  const [mapping, setMapping] = useState<ColumnMappingInput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [includeDuplicates, setIncludeDuplicates] = useState(false);
  // Previews can overlap (a mapping chosen while the first preview is still on its way): only the answer to the
  // latest request may land, or an older one would put back a mapping she has just changed.
  const latest = useRef(0);

  const preview = useCallback(
    async (chosen: ColumnMappingInput | null, withDuplicates = false) => {
      const request = ++latest.current;
      try {
        const next = await api.timesheets.previewImport({
          firmId,
          content,
          contentEncoding: 'base64',
          fileName,
          mapping: chosen ?? {},
          includeDuplicates: withDuplicates,
        });
        if (request !== latest.current) return;
        setReport(next);
        if (!chosen) {
          const detected: ColumnMappingInput = {};
          for (const field of IMPORT_FIELDS) detected[field] = next.mapping[field] ?? null;
          setMapping(detected);
        }
        setError(null);
      } catch (e) {
        if (request === latest.current) setError((e as Error).message);
      }
    },
    [api, firmId, content, fileName],
  );

  useEffect(() => {
    queueMicrotask(() => void preview(null));
  }, [preview]);

  function choose(field: ImportField, value: string) {
    const next = { ...mapping, [field]: value === IGNORE ? null : Number(value) };
    setMapping(next);
    void preview(next, includeDuplicates);
  }

  function chooseDuplicates(include: boolean) {
    setIncludeDuplicates(include);
    void preview(mapping, include);
  }

  async function runImport() {
    if (!mapping) return;
    setBusy(true);
    try {
      const done = await api.timesheets.import({
        firmId,
        content,
        contentEncoding: 'base64',
        fileName,
        mapping,
        includeDuplicates,
      });
      setReport(done);
      if (done.imported > 0) onImported();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const header = report?.header ?? [];
  const skipped = report && !report.includeDuplicates ? report.duplicates : 0;
  /** The first 20 duplicate line numbers; '…' says there are more. */
  const duplicateLines = report
    ? report.duplicateLines.slice(0, 20).join(', ') + (report.duplicates > 20 ? '…' : '')
    : '';
  return (
    <section className="timesheets-import" aria-label={t('timesheets.import.title')}>
      <h3>
        {t('timesheets.import.title')} — {fileName}
      </h3>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {report ? (
        <p className="muted timesheets-import__file">
          {t('fileEncoding.read', { encoding: t(`fileEncoding.${report.encoding}`) })}
        </p>
      ) : null}
      {mapping && report && report.imported === 0 ? (
        <fieldset className="timesheets-import__mapping">
          <legend>{t('timesheets.import.mappingEdit')}</legend>
          {IMPORT_FIELDS.map((field) => (
            <label key={field} className="field">
              {t(`timesheets.import.field.${field}`)}
              <select
                value={mapping[field] === null || mapping[field] === undefined ? IGNORE : String(mapping[field])}
                onChange={(e) => choose(field, e.target.value)}
                aria-label={t('timesheets.import.columnFor', { field: t(`timesheets.import.field.${field}`) })}
              >
                <option value={IGNORE}>{t('timesheets.import.ignore')}</option>
                {header.map((name, index) => (
                  <option key={index} value={String(index)}>
                    {name || t('timesheets.import.columnN', { n: index + 1 })}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      ) : null}
      {report ? (
        report.imported > 0 ? (
          <p className="banner banner--ok" role="status">
            {t('timesheets.import.done', { count: report.imported })}
            {skipped > 0 ? ` ${t('timesheets.import.skipped', { count: skipped })}` : ''}
          </p>
        ) : report.errorCount > 0 ? (
          <>
            <p className="banner banner--error" role="alert">
              {t('timesheets.import.refused', { count: report.errorCount })}
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
          <>
            <p role="status">
              {report.toImport > 0
                ? t('timesheets.import.ready', { count: report.toImport })
                : t('timesheets.import.nothingToImport')}
            </p>
            {report.duplicates > 0 ? (
              <div className="banner cd-note timesheets-import__duplicates">
                <p>
                  {t(includeDuplicates ? 'timesheets.import.duplicatesIncluded' : 'timesheets.import.duplicates', {
                    count: report.duplicates,
                    lines: duplicateLines,
                  })}
                </p>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={includeDuplicates}
                    onChange={(e) => chooseDuplicates(e.target.checked)}
                  />{' '}
                  {t('timesheets.import.includeDuplicates')}
                </label>
              </div>
            ) : null}
            <table className="billing-table timesheets-import__preview">
              <caption className="muted">
                {t('timesheets.import.previewCaption', { count: Math.min(report.preview.length, PREVIEW_ROWS) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('timesheets.billing.when')}</th>
                  <th scope="col">{t('timesheets.entry.type')}</th>
                  <th scope="col">{t('timesheets.entry.label')}</th>
                  <th scope="col" className="num">
                    {t('timesheets.billing.actual')}
                  </th>
                  <th scope="col" className="num">
                    {t('timesheets.entry.quantity')}
                  </th>
                  <th scope="col">{t('timesheets.import.status')}</th>
                </tr>
              </thead>
              <tbody>
                {report.preview.slice(0, PREVIEW_ROWS).map((row) => (
                  <tr key={row.line}>
                    <td>{when(row.startedAt)}</td>
                    <td>{t(`timesheets.taskType.${row.taskType}`)}</td>
                    <td>{row.label}</td>
                    <td className="num">{formatDuration(row.durationSeconds)}</td>
                    <td className="num">{row.quantity}</td>
                    <td>{row.duplicate ? t('timesheets.import.duplicate') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      ) : null}
      <div className="dialog__actions">
        {report && report.errorCount === 0 && report.imported === 0 && report.toImport > 0 ? (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void runImport()}>
            {busy ? t('timesheets.import.working') : t('timesheets.import.confirm', { count: report.toImport })}
          </button>
        ) : null}
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </section>
  );
}
