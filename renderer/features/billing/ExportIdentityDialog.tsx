import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/domain/settings';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

export type IdentityField = 'name' | 'siren' | 'address';

/** What the relevé's « Prestataire » box would miss: her name (legal or usual), SIREN, address. */
export function missingIdentity(
  settings: Pick<Settings, 'legalName' | 'secretaryName' | 'siren' | 'address'>,
): IdentityField[] {
  return [
    ...(settings.legalName.trim() || settings.secretaryName.trim() ? [] : (['name'] as const)),
    ...(settings.siren.trim() ? [] : (['siren'] as const)),
    ...(settings.address.trim() ? [] : (['address'] as const)),
  ];
}

/** Asked before a PDF or XLSX relevé leaves with an incomplete « Prestataire »: fill it in, or export anyway. */
export function ExportIdentityDialog({
  missing,
  onSettings,
  onExportAnyway,
  onCancel,
}: {
  missing: IdentityField[];
  onSettings(): void;
  onExportAnyway(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      title={t('timesheets.billing.identity.title')}
      onCancel={onCancel}
      choices={[
        { label: t('timesheets.billing.identity.openSettings'), onSelect: onSettings, variant: 'primary' },
        { label: t('timesheets.billing.identity.exportAnyway'), onSelect: onExportAnyway },
        { label: t('common.cancel'), onSelect: onCancel },
      ]}
    >
      <p>{t('timesheets.billing.identity.body')}</p>
      <ul>
        {missing.map((field) => (
          <li key={field}>{t(`timesheets.billing.identity.field.${field}`)}</li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
