import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RightsRequestDialog } from './RightsRequestDialog';

/** Réglages › « Demandes des personnes »: opens the rights request screen. */
export function RightsSection() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <fieldset className="group">
      <legend>{t('privacy.rights.section')}</legend>
      <p className="field__hint">{t('privacy.rights.sectionHint')}</p>
      <div className="row">
        <button type="button" className="button button--plain" onClick={() => setOpen(true)}>
          {t('privacy.rights.open')}
        </button>
      </div>
      {open ? <RightsRequestDialog onClose={() => setOpen(false)} /> : null}
    </fieldset>
  );
}
