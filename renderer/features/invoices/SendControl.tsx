import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import type { InvoiceSummary } from '../../../shared/contract/methods/invoices';

/**
 * « Envoyer par e-mail »: the PDF to the firm's invoice recipients through the outbox. It leaves once: a second
 * click does not send it again (a failed sending is retried as the same e-mail).
 */
export function SendControl({ api, invoice }: { api: PermanenceClient; invoice: InvoiceSummary }) {
  const { t } = useTranslation();
  const [recipients, setRecipients] = useState<string[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.invoices
      .firmDetails({ firmId: invoice.firmId })
      .then((d) => live && setRecipients(d.emails))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, invoice.firmId]);

  async function send() {
    setError(null);
    try {
      const result = await api.invoices.send({ id: invoice.id });
      setRecipients(result.recipients);
      setNote(result.queued ? t('invoices.send.queued') : t('invoices.send.already'));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const list = recipients?.join(', ') ?? '';
  const canSend = (recipients?.length ?? 0) > 0 && (invoice.mail === 'none' || invoice.mail === 'failed');
  return (
    <fieldset className="group invoice-action">
      <legend>{t('invoices.send.title')}</legend>
      {recipients === null ? null : recipients.length === 0 ? (
        <p>{t('invoices.send.noRecipient')}</p>
      ) : (
        <p>
          {t(`invoices.send.state.${invoice.mail}`, { recipients: list })}
          {invoice.mail === 'none' ? <> {t('invoices.send.once')}</> : null}
        </p>
      )}
      {note ? <p role="status">{note}</p> : null}
      {error ? (
        <p role="alert" className="field__error">
          {error}
        </p>
      ) : null}
      {invoice.mail === 'none' || invoice.mail === 'failed' ? (
        <button type="button" className="button" disabled={!canSend} onClick={() => void send()}>
          {t(invoice.mail === 'failed' ? 'invoices.send.retry' : 'invoices.send.action')}
        </button>
      ) : null}
    </fieldset>
  );
}
