import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_COLUMNS, type ContactColumn, type ContactImportReport } from '../../../shared/domain/contacts-import';
import { useApi } from '../../api/client';
import { readFileBase64 } from '../../ui/read-file';

/**
 * Import a firm's contacts from a CRM export (CSV): columns guessed then adjustable, every line checked and
 * reported, and the file written only when every line is valid.
 */
export function ContactsImportPanel({ firmId, onImported }: { firmId: string; onImported?(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [csv, setCsv] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<ContactColumn, string>> | null>(null);
  const [report, setReport] = useState<ContactImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check(content: string, chosen: Partial<Record<ContactColumn, string>> | null, dryRun: boolean) {
    setError(null);
    try {
      const result = await api.contacts.importCsv({
        firmId,
        csv: content,
        csvEncoding: 'base64',
        dryRun,
        ...(chosen ? { mapping: chosen } : {}),
      });
      setReport(result);
      setMapping(result.mapping);
      if (result.applied) onImported?.();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const invalid = report ? report.lines.filter((l) => !l.ok) : [];
  return (
    <fieldset className="group contacts-import">
      <legend>{t('callDesk.import.title')}</legend>
      <label className="button button--plain file-button">
        {t('callDesk.import.choose')}
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          aria-label={t('callDesk.import.file')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            void readFileBase64(file).then((content) => {
              setCsv(content);
              void check(content, null, true);
            });
          }}
        />
      </label>
      {report && mapping ? (
        <div className="form-grid form-grid--4">
          {CONTACT_COLUMNS.map((column) => (
            <label key={column} className="field">
              <span>{t(`callDesk.import.column.${column}`)}</span>
              <select
                value={mapping[column] ?? ''}
                onChange={(e) => {
                  const next = { ...mapping, [column]: e.target.value || undefined };
                  if (!e.target.value) delete next[column];
                  setMapping(next);
                  if (csv) void check(csv, next, true);
                }}
              >
                <option value="">{t('callDesk.import.none')}</option>
                {report.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      ) : null}
      {report ? (
        <p
          role="status"
          className={report.applied ? 'banner banner--ok' : invalid.length ? 'banner banner--error' : 'banner cd-note'}
        >
          {report.applied
            ? t('callDesk.import.applied', { created: report.created, updated: report.updated })
            : t('callDesk.import.checked', { valid: report.valid, total: report.total })}
        </p>
      ) : null}
      {report ? (
        <p className="muted contacts-import__file">
          {t('fileEncoding.read', { encoding: t(`fileEncoding.${report.encoding}`) })}
          {report.ignoredHeaders.length > 0
            ? ` ${t('callDesk.import.ignoredColumns', { columns: report.ignoredHeaders.join(', ') })}`
            : ''}
        </p>
      ) : null}
      {invalid.length > 0 ? (
        <ul className="contacts-import__problems" aria-label={t('callDesk.import.problems')}>
          {invalid.slice(0, 200).map((line) => (
            <li key={line.line}>
              {t('callDesk.import.line', { line: line.line, problems: line.problems.join(' ; ') })}
            </li>
          ))}
        </ul>
      ) : null}
      {report && !report.applied && invalid.length === 0 && report.total > 0 && csv ? (
        <button type="button" className="button button--primary" onClick={() => void check(csv, mapping, false)}>
          {t('callDesk.import.apply', { count: report.total })}
        </button>
      ) : null}
      {error ? (
        <p role="alert" className="banner banner--error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
