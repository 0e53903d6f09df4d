import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PermanenceError, type ContactPage, type FieldIssue } from '../../../shared/api';
import { contactInputSchema, type Contact } from '../../../shared/domain/firm/contact';
import { formatPhoneForDisplay } from '../../../shared/domain/phone';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';
import { ContactsImportPanel } from '../messages/ContactsImportPanel';

const PAGE_SIZE = 50;

interface ContactForm {
  id?: string;
  name: string;
  company: string;
  phones: string;
  email: string;
  notes: string;
  vip: boolean;
  doNotTransfer: boolean;
}

const EMPTY_FORM: ContactForm = {
  name: '',
  company: '',
  phones: '',
  email: '',
  notes: '',
  vip: false,
  doNotTransfer: false,
};

export function ContactsTab({ firmId }: { firmId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<ContactPage>({ items: [], total: 0 });
  const [offset, setOffset] = useState(0);
  const [form, setForm] = useState<ContactForm | null>(null);
  const [error, setError] = useState<string | null>(null);

  const [version, setVersion] = useState(0);
  const load = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let current = true;
    api.contacts.list({ firmId, query, limit: PAGE_SIZE, offset }).then(
      (result) => {
        if (!current) return;
        setPage(result);
        setError(null);
      },
      (e: Error) => current && setError(e.message),
    );
    return () => {
      current = false;
    };
  }, [api, firmId, query, offset, version]);

  return (
    <div className="contacts">
      <div className="stack">
        <div className="row">
          <input
            type="search"
            className="grow"
            aria-label={t('contacts.search')}
            placeholder={t('contacts.searchPlaceholder')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setOffset(0);
            }}
          />
          <button type="button" className="button button--primary" onClick={() => setForm({ ...EMPTY_FORM })}>
            {t('contacts.add')}
          </button>
        </div>
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="muted" role="status">
          {t('contacts.count', { count: page.total })}
        </p>
        <ul className="contact-list" aria-label={t('contacts.list')}>
          {page.items.map((contact) => (
            <li key={contact.id}>
              <button type="button" className="contact-list__item" onClick={() => setForm(formFrom(contact))}>
                <strong>
                  {contact.vip ? <span className="badge badge--vip">{t('contacts.vip')}</span> : null} {contact.name}
                </strong>
                <span className="muted">
                  {[contact.company, ...contact.phones.map((p) => formatPhoneForDisplay(p))]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="row">
          <button
            type="button"
            className="button button--plain"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            {t('common.previous')}
          </button>
          <button
            type="button"
            className="button button--plain"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            {t('common.next')}
          </button>
        </div>
      </div>
      <ContactsImportPanel firmId={firmId} onImported={load} />
      {form ? (
        <ContactEditor
          firmId={firmId}
          initial={form}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            load();
          }}
        />
      ) : null}
    </div>
  );
}

function formFrom(contact: Contact): ContactForm {
  return {
    id: contact.id,
    name: contact.name,
    company: contact.company,
    phones: contact.phones.map((p) => formatPhoneForDisplay(p)).join(', '),
    email: contact.email,
    notes: contact.notes,
    vip: contact.vip,
    doNotTransfer: contact.doNotTransfer,
  };
}

function ContactEditor(props: { firmId: string; initial: ContactForm; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [form, setForm] = useState(props.initial);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<string | null>(null);
  const issue = (path: string) => {
    const found = issues.find((i) => i.path === path || i.path.startsWith(`${path}.`));
    return found ? t(found.message, { defaultValue: found.message }) : null;
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const contact = {
      name: form.name,
      company: form.company,
      phones: form.phones
        .split(/[,;]/)
        .map((p) => p.trim())
        .filter(Boolean),
      email: form.email.trim(),
      notes: form.notes,
      vip: form.vip,
      doNotTransfer: form.doNotTransfer,
    };
    const parsed = contactInputSchema.safeParse(contact);
    if (!parsed.success) {
      setIssues(parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
      return;
    }
    try {
      await api.contacts.save({ firmId: props.firmId, ...(form.id ? { id: form.id } : {}), contact });
      props.onSaved();
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof PermanenceError && e.issues)
        setIssues(e.issues.map((i) => ({ ...i, path: i.path.replace(/^contact\./, '') })));
    }
  }

  async function remove() {
    if (!form.id) return;
    try {
      await api.contacts.delete({ firmId: props.firmId, id: form.id });
      props.onSaved();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const set = <K extends keyof ContactForm>(key: K, value: ContactForm[K]) => setForm({ ...form, [key]: value });
  return (
    <form className="card stack contact-editor" aria-label={t('contacts.editor')} onSubmit={(e) => void submit(e)}>
      <h4>{form.id ? t('contacts.edit') : t('contacts.new')}</h4>
      <Field label={t('contacts.name')} error={issue('name')}>
        {(p) => <input {...p} autoFocus value={form.name} onChange={(e) => set('name', e.target.value)} />}
      </Field>
      <Field label={t('contacts.company')}>
        {(p) => <input {...p} value={form.company} onChange={(e) => set('company', e.target.value)} />}
      </Field>
      <Field label={t('contacts.phones')} error={issue('phones')} hint={t('contacts.phonesHint')}>
        {(p) => <input {...p} inputMode="tel" value={form.phones} onChange={(e) => set('phones', e.target.value)} />}
      </Field>
      <Field label={t('contacts.email')} error={issue('email')}>
        {(p) => <input {...p} type="email" value={form.email} onChange={(e) => set('email', e.target.value)} />}
      </Field>
      <Field label={t('contacts.notes')}>
        {(p) => <textarea {...p} rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={form.vip} onChange={(e) => set('vip', e.target.checked)} />
        {t('contacts.vipLabel')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={form.doNotTransfer} onChange={(e) => set('doNotTransfer', e.target.checked)} />
        {t('contacts.doNotTransfer')}
      </label>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="button button--primary">
          {t('common.save')}
        </button>
        <button type="button" className="button button--plain" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        {form.id ? (
          <button type="button" className="button button--danger-plain" onClick={() => void remove()}>
            {t('contacts.delete')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
