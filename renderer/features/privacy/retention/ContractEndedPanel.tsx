import { useTranslation } from 'react-i18next';
import type { ContractEnd } from '../../../../shared/domain/retention';

/** What she sees once a firm is erased: where its export is, and which backups still hold it until when. */
export function ContractEndedPanel({
  name,
  result,
  onClose,
}: {
  name: string;
  result: ContractEnd;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  const rows = Object.values(result.removed).reduce((a, b) => a + b, 0);
  return (
    <section className="editor contract-ended" aria-labelledby="contract-ended-title">
      <h2 id="contract-ended-title">{t('privacy.contract.endedTitle', { name })}</h2>
      <p role="status" className="banner banner--ok">
        {t('privacy.contract.ended', { count: rows, dir: result.exportDir })}
      </p>
      <p>{t('privacy.contract.invoicesKept')}</p>
      {result.backups.length === 0 ? (
        <p>{t('privacy.contract.noBackups')}</p>
      ) : (
        <>
          <p>{t('privacy.contract.backupsIntro', { count: result.backups.length })}</p>
          <table className="contract-ended__backups">
            <thead>
              <tr>
                <th scope="col">{t('privacy.contract.backupName')}</th>
                <th scope="col">{t('privacy.contract.backupFolder')}</th>
                <th scope="col">{t('privacy.contract.backupUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {result.backups.map((backup) => (
                <tr key={backup.path}>
                  <td>{backup.name}</td>
                  <td>{t(`privacy.contract.folder.${backup.folder}`)}</td>
                  <td>
                    {backup.leavesRotationAt === null
                      ? t('privacy.contract.untilDeleted')
                      : dates.format(backup.leavesRotationAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="row">
        <button type="button" className="button button--primary" autoFocus onClick={onClose}>
          {t('privacy.contract.close')}
        </button>
      </div>
    </section>
  );
}
