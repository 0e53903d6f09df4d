import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermanenceClient } from '../../../shared/api';
import { MessageDetailPanel } from '../messages/MessageDetailPanel';
import { createMessagesStore } from '../messages/messages-store';

/** The message taken on a call, opened from the call log: the same detail (and actions) as in Messages. */
export function CallMessageDialog({
  api,
  messageId,
  firmName,
  zoneOf,
  onClose,
}: {
  api: PermanenceClient;
  messageId: string;
  firmName(id: string): string;
  zoneOf(id: string): string | undefined;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const store = useMemo(() => createMessagesStore(api), [api]);
  useEffect(() => {
    void store.getState().select(messageId);
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, [store, messageId]);
  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide call-log__message"
      aria-labelledby="call-message-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="call-message-title">{t('phone.log.messageTitle')}</h2>
      <MessageDetailPanel store={store} firmName={firmName} zoneOf={zoneOf} />
      <div className="dialog__actions">
        <button type="button" className="button" autoFocus onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
