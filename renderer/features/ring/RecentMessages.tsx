import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRecord } from '../../../shared/domain/message';
import { useApi } from '../../api/client';
import { formatDateTime } from '../../ui/format';

/** The caller's last messages with this firm, so she can say "je vois que vous avez appelé hier pour…". */
export function RecentMessages({
  firmId,
  callerE164,
  timeZone,
}: {
  firmId: string;
  callerE164: string;
  timeZone?: string;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [messages, setMessages] = useState<MessageRecord[]>([]);
  useEffect(() => {
    let current = true;
    api.messages.list({ firmId, callerPhone: callerE164, limit: 3 }).then(
      (page) => current && setMessages(page.items.filter((m) => m.status !== 'brouillon')),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, firmId, callerE164]);
  if (messages.length === 0) return null;
  return (
    <ul className="phone-card__history" aria-label={t('phone.card.recentMessages')}>
      {messages.map((m) => (
        <li key={m.id}>
          {formatDateTime(m.createdAt, i18n.language, timeZone)} — {m.motif || t('phone.card.noMotif')}
        </li>
      ))}
    </ul>
  );
}
