import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { KpiReport } from '../../../shared/domain/kpi';
import { formatDuration, formatPercent } from './format';

/** The firm's phone figures for the month and its calls by hour (recharts). */
export function KpiPanel({ kpi }: { kpi: KpiReport }) {
  const { t, i18n } = useTranslation();
  const figures: Array<[string, string]> = [
    [t('timesheets.kpi.offered'), String(kpi.offered)],
    [t('timesheets.kpi.answered'), `${kpi.answered} (${formatPercent(kpi.answerRate, i18n.language)})`],
    [t('timesheets.kpi.abandoned'), `${kpi.abandoned} (${formatPercent(kpi.abandonRate, i18n.language)})`],
    [
      t('timesheets.kpi.serviceLevel', { seconds: kpi.serviceLevelSeconds }),
      formatPercent(kpi.serviceLevel, i18n.language),
    ],
    [t('timesheets.kpi.asa'), kpi.averageSpeedOfAnswerSeconds === null ? '—' : `${kpi.averageSpeedOfAnswerSeconds} s`],
    [t('timesheets.kpi.aht'), kpi.averageHandlingSeconds === null ? '—' : formatDuration(kpi.averageHandlingSeconds)],
    [t('timesheets.kpi.messages'), String(kpi.messagesTaken)],
    [t('timesheets.kpi.transfers'), String(kpi.transfers)],
  ];
  const data = kpi.byHour
    .filter((b) => (b.hour >= 7 && b.hour <= 20) || b.offered > 0)
    .map((b) => ({ ...b, label: `${b.hour}h` }));
  return (
    <section className="billing-kpi" aria-label={t('timesheets.kpi.title')}>
      <h3>{t('timesheets.kpi.title')}</h3>
      <dl className="billing-kpi__grid">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="billing-kpi__chart" role="img" aria-label={t('timesheets.kpi.byHour')}>
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={data} barGap={-18} margin={{ top: 8, right: 8, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} />
            <Tooltip />
            <Legend />
            <Bar
              dataKey="offered"
              name={t('timesheets.kpi.offered')}
              fill="#b8cde0"
              barSize={18}
              isAnimationActive={false}
            />
            <Bar
              dataKey="answered"
              name={t('timesheets.kpi.answered')}
              fill="#1f4e79"
              barSize={18}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
