import { useTranslation } from 'react-i18next';
import type { ExportFormat, FirmMonthView } from '../../../shared/contract/methods/timesheets';
import { zoneDiffers, zoneLabel } from '../../ui/zone';
import { formatDuration, formatEuros } from './format';
import { KpiPanel } from './KpiPanel';

/** One firm's month: forfait use, majorations, the lines (actual beside billed) in the firm's zone, its KPIs. */
export function FirmMonthDetail({ view, onExport }: { view: FirmMonthView; onExport(formats: ExportFormat[]): void }) {
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
        {statement.lines[0] && zoneDiffers(view.timeZone, statement.lines[0].startedAt) ? (
          <span className="muted">
            {t('timesheets.billing.zoneNote', {
              zone: zoneLabel(view.timeZone, statement.lines[0].startedAt, i18n.language),
            })}
          </span>
        ) : null}
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
          {t('timesheets.billing.totalLabel')} <strong>{formatEuros(statement.totalCents, i18n.language)}</strong>
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
