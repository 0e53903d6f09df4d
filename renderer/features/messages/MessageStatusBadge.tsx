import { useTranslation } from 'react-i18next';
import type { MessageStatus } from '../../../shared/domain/message';

/** "Transmis", "Échec"…: the delivery status, coloured, announced when it changes. */
export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`msg-status msg-status--${status}`} role="status" aria-live="polite">
      {t(`callDesk.status.${status}`)}
    </span>
  );
}
