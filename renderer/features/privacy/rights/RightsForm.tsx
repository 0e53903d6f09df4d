import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../shared/domain/firm/contact';
import type { FirmSummary } from '../../../../shared/domain/firm/firm';
import type { PersonQuery } from '../../../../shared/domain/privacy-rights';
import { useApi } from '../../../api/client';
import { Field } from '../../../ui/Field';

interface RightsFormProps {
  busy: boolean;
  onSearch(query: PersonQuery): void;
}

/**
 * Who the request is about: the firm that asks (always), her number, her name, one of the firm's contacts
 * (offered from the name typed), and « tous les cabinets » only when she ticks it.
 */
export function RightsForm({ busy, onSearch }: RightsFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [firms, setFirms] = useState<FirmSummary[]>([]);
  const [firmId, setFirmId] = useState('');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [contactId, setContactId] = useState('');
  const [allFirms, setAllFirms] = useState(false);

  useEffect(() => {
    let live = true;
    void api.firms.list({}).then((list) => {
      if (!live) return;
      setFirms(list);
      setFirmId((current) => current || list[0]?.id || '');
    });
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    let live = true;
    if (!firmId || name.trim().length < 2) return;
    void api.contacts.list({ firmId, query: name, limit: 20, offset: 0 }).then((page) => {
      if (live) setContacts(page.items);
    });
    return () => {
      live = false;
    };
  }, [api, firmId, name]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch({
      firmId,
      allFirms,
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
      ...(contactId ? { contactId } : {}),
    });
  }

  const empty = !phone.trim() && !name.trim() && !contactId;
  // Contacts are offered from two letters of her name on; the last list is kept until the next answer.
  const offered = firmId && name.trim().length >= 2 ? contacts : [];
  return (
    <form className="stack" onSubmit={submit} aria-label={t('privacy.rights.form')}>
      <div className="row rights-form__row">
        <Field label={t('privacy.rights.firm')}>
          {(p) => (
            <select
              {...p}
              value={firmId}
              onChange={(e) => {
                setFirmId(e.target.value);
                setContactId('');
              }}
            >
              {firms.map((firm) => (
                <option key={firm.id} value={firm.id}>
                  {firm.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('privacy.rights.phone')}>
          {(p) => <input {...p} value={phone} inputMode="tel" onChange={(e) => setPhone(e.target.value)} />}
        </Field>
        <Field label={t('privacy.rights.name')}>
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => {
                setName(e.target.value);
                setContactId('');
              }}
            />
          )}
        </Field>
      </div>
      {offered.length > 0 ? (
        <Field label={t('privacy.rights.contact')} hint={t('privacy.rights.contactHint')}>
          {(p) => (
            <select {...p} value={contactId} onChange={(e) => setContactId(e.target.value)}>
              <option value="">{t('privacy.rights.noContact')}</option>
              {offered.map((contact) => (
                <option key={contact.id} value={contact.id}>
                  {[contact.name, ...contact.phones].join(' · ')}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <label className="checkbox">
        <input type="checkbox" checked={allFirms} onChange={(e) => setAllFirms(e.target.checked)} />
        {t('privacy.rights.allFirms')}
      </label>
      <div className="row">
        <button type="submit" className="button button--primary" disabled={busy || !firmId || empty}>
          {busy ? t('privacy.rights.searching') : t('privacy.rights.search')}
        </button>
      </div>
    </form>
  );
}
