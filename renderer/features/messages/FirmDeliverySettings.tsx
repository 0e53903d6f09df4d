import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FirmDelivery } from '../../../shared/domain/message-smtp';
import { useApi } from '../../api/client';

/** How a firm receives its messages: full HTML or plain text, each at once or non-urgent ones in a daily digest. */
export function FirmDeliverySettings({ firmId }: { firmId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [value, setValue] = useState<FirmDelivery | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void api.delivery.get({ firmId }).then(setValue);
  }, [api, firmId]);

  async function save(next: FirmDelivery) {
    setValue(next);
    try {
      setValue(await api.delivery.save({ firmId, settings: next }));
      setNote({ ok: true, text: t('callDesk.delivery.saved') });
    } catch (e) {
      setNote({ ok: false, text: (e as Error).message });
    }
  }

  if (!value) return null;
  return (
    <fieldset className="group">
      <legend>{t('callDesk.delivery.title')}</legend>
      <label className="field">
        <span>{t('callDesk.delivery.format')}</span>
        <select
          value={value.format}
          onChange={(e) => void save({ ...value, format: e.target.value as FirmDelivery['format'] })}
        >
          <option value="html">{t('callDesk.delivery.html')}</option>
          <option value="text">{t('callDesk.delivery.text')}</option>
        </select>
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={value.digestEnabled}
          onChange={(e) => void save({ ...value, digestEnabled: e.target.checked })}
        />
        {t('callDesk.delivery.digest')}
      </label>
      {value.digestEnabled ? (
        <label className="field">
          <span>{t('callDesk.delivery.digestTime')}</span>
          <input
            type="time"
            value={value.digestTime}
            onChange={(e) => void save({ ...value, digestTime: e.target.value })}
          />
        </label>
      ) : null}
      <p className="field__hint">{t('callDesk.delivery.hint')}</p>
      {note ? (
        <p role={note.ok ? 'status' : 'alert'} className={note.ok ? 'muted' : 'field__error'}>
          {note.text}
        </p>
      ) : null}
    </fieldset>
  );
}
