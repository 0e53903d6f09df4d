import { useTranslation } from 'react-i18next';
import { PERSON_DATA_KINDS, type PersonFindings } from '../../../../shared/domain/privacy-rights';

/** Counts per kind, then the rows found, kind by kind (date and a one-line reminder). */
export function RightsFindings({ findings }: { findings: PersonFindings }) {
  const { t, i18n } = useTranslation();
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const firmName = new Map(findings.firms.map((f) => [f.id, f.name]));
  const several = findings.firms.length > 1;
  const total = PERSON_DATA_KINDS.reduce((sum, kind) => sum + findings.counts[kind], 0);
  const looked = [...findings.identifiers.names, ...findings.identifiers.phones].join(' ; ');

  return (
    <section className="stack" aria-label={t('privacy.rights.findings')}>
      <p role="status">
        {t('privacy.rights.found', {
          count: total,
          who: looked,
          firms: findings.firms.map((f) => f.name).join(', '),
        })}
      </p>
      <table className="rights-counts">
        <caption className="visually-hidden">{t('privacy.rights.counts')}</caption>
        <tbody>
          {PERSON_DATA_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{t(`privacy.rights.kind.${kind}`)}</th>
              <td>{findings.counts[kind]}</td>
              <td className="muted">{t(`privacy.rights.action.${kind}`)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('privacy.rights.kind.searchIndex')}</th>
            <td>{findings.counts.searchIndex}</td>
            <td className="muted">{t('privacy.rights.action.searchIndex')}</td>
          </tr>
        </tbody>
      </table>
      {PERSON_DATA_KINDS.filter((kind) => findings.counts[kind] > 0).map((kind) => (
        <div key={kind}>
          <h4 className="rights-kind">{t(`privacy.rights.kind.${kind}`)}</h4>
          <ul className="rights-items" aria-label={t(`privacy.rights.kind.${kind}`)}>
            {findings.items
              .filter((item) => item.kind === kind)
              .map((item) => (
                <li key={item.id}>
                  {item.at !== null ? <span className="muted">{dates.format(item.at)} · </span> : null}
                  {several ? <span className="muted">{firmName.get(item.firmId)} · </span> : null}
                  <span>{item.summary || t('privacy.rights.noSummary')}</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
      {findings.truncated ? <p className="field__hint">{t('privacy.rights.truncated')}</p> : null}
    </section>
  );
}
