import { useCallback, useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { firmInvoicingSchema, type FirmInvoicing, type MissingItem } from '../../../shared/domain/invoices/settings';
import { useApi } from '../../api/client';
import { Field } from '../../ui/Field';
import { useEditor } from '../firm-editor/editor-context';
import { AddressFields } from './AddressFields';
import { ElectronicAddressFields } from './ElectronicAddressFields';
import { issuesByPath, useIssueText, type IssueMap } from './use-issues';

type Form = Omit<FirmInvoicing, 'emails'> & { emails: string };

const FIRM_ITEMS: readonly MissingItem[] = ['firmLegalName', 'firmSiren', 'firmAddress', 'firmElectronicAddress'];

/**
 * The firm as the buyer of her invoices (firm editor › Facturation): legal name, SIREN, postal address, electronic
 * invoicing address, who receives the invoice, the firm's reference. Saved on its own through
 * invoices:saveFirmDetails (not with the firm's record), and says what still blocks invoicing this firm.
 */
export function FirmInvoicingSection() {
  const firmId = useEditor((s) => s.firmId);
  const { t } = useTranslation();
  if (!firmId) {
    return (
      <fieldset className="billing-rules__group">
        <legend>{t('invoices.firm.title')}</legend>
        <p className="field__hint">{t('invoices.firm.saveFirst')}</p>
      </fieldset>
    );
  }
  return <FirmInvoicingForm key={firmId} firmId={firmId} />;
}

function FirmInvoicingForm({ firmId }: { firmId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [form, setForm] = useState<Form | null>(null);
  const [missing, setMissing] = useState<MissingItem[]>([]);
  const [issues, setIssues] = useState<IssueMap>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const issueText = useIssueText(issues);

  const loadMissing = useCallback(async () => {
    const all = await api.invoices.missing({ firmId });
    setMissing(all.filter((m) => FIRM_ITEMS.includes(m)));
  }, [api, firmId]);

  useEffect(() => {
    let live = true;
    api.invoices
      .firmDetails({ firmId })
      .then((d) => {
        if (!live) return;
        setForm({ ...d, emails: d.emails.join(', ') });
        return loadMissing();
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, firmId, loadMissing]);

  if (!form) {
    return error ? (
      <p role="alert" className="banner banner--error">
        {error}
      </p>
    ) : null;
  }

  const edit = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setSaved(false);
  };

  // Ctrl+S inside this section saves this section (not the screen around it, which has its own Ctrl+S).
  function saveOnCtrlS(event: KeyboardEvent<HTMLFormElement>) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') return;
    event.preventDefault();
    event.stopPropagation();
    void save(event);
  }

  async function save(event: FormEvent | KeyboardEvent) {
    event.preventDefault();
    event.stopPropagation();
    if (!form) return;
    const emails = form.emails
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const parsed = firmInvoicingSchema.safeParse({ ...form, emails });
    if (!parsed.success) {
      setIssues(issuesByPath(parsed.error));
      return;
    }
    setIssues({});
    try {
      const next = await api.invoices.saveFirmDetails({ firmId, details: parsed.data });
      setForm({ ...next, emails: next.emails.join(', ') });
      setSaved(true);
      setError(null);
      await loadMissing();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const emailError =
    issueText('emails') ??
    Object.keys(issues)
      .map((path) => (path.startsWith('emails.') ? issueText(path) : null))
      .find(Boolean) ??
    null;

  return (
    <form aria-labelledby="firm-invoicing-title" onSubmit={(e) => void save(e)} onKeyDown={saveOnCtrlS}>
      <fieldset className="billing-rules__group firm-invoicing">
        <legend id="firm-invoicing-title">{t('invoices.firm.title')}</legend>
        <p className="field__hint">{t('invoices.firm.intro')}</p>
        {missing.length > 0 ? (
          <div className="firm-invoicing__missing" role="status">
            {t('invoices.firm.missing')}
            <ul>
              {missing.map((m) => (
                <li key={m}>{t(`invoices.missing.${m}`)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="form-grid form-grid--4">
          <Field label={t('invoices.firm.legalName')} error={issueText('legalName')} className="span-2">
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                value={form.legalName}
                onChange={(e) => edit({ legalName: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('invoices.firm.siren')} error={issueText('siren')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                autoComplete="off"
                value={form.siren}
                onChange={(e) => edit({ siren: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('invoices.firm.buyerReference')} error={issueText('buyerReference')}>
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                value={form.buyerReference}
                onChange={(e) => edit({ buyerReference: e.target.value })}
              />
            )}
          </Field>
        </div>
        <AddressFields
          value={form.address}
          onChange={(address) => edit({ address })}
          error={(f) => issueText(`address.${f}`)}
        />
        <div className="form-grid form-grid--4">
          <ElectronicAddressFields
            value={form.electronicAddress}
            onChange={(electronicAddress) => edit({ electronicAddress })}
            error={issueText('electronicAddress.id')}
            labels={{
              scheme: 'invoices.firm.scheme',
              id: 'invoices.firm.electronicAddress',
              hint: 'invoices.firm.electronicAddressHint',
            }}
          />
          <Field
            label={t('invoices.firm.emails')}
            error={emailError}
            hint={t('invoices.firm.emailsHint')}
            className="span-2"
          >
            {(p) => (
              <input {...p} autoComplete="off" value={form.emails} onChange={(e) => edit({ emails: e.target.value })} />
            )}
          </Field>
        </div>
        {error ? (
          <p role="alert" className="banner banner--error">
            {error}
          </p>
        ) : null}
        <div className="row">
          <button type="submit" className="button" aria-keyshortcuts="Control+S">
            {t('invoices.firm.save')}
          </button>
          {saved ? <span role="status">{t('invoices.firm.saved')}</span> : null}
        </div>
      </fieldset>
    </form>
  );
}
