import { useTranslation } from 'react-i18next';
import type { FirmDetail } from '../../../shared/domain/firm/aggregate';
import type { MessageContent } from '../../../shared/domain/message';
import { resolveRecipients } from '../../../shared/domain/message-recipients';
import { formatPhoneForDisplay, toE164 } from '../../../shared/domain/phone';
import { ReadbackList } from '../../ui/ReadbackList';

/** The "récapitulatif": the message as she reads it back to the caller before it leaves. */
export function MessageReadback({ firm, content }: { firm: FirmDetail; content: MessageContent }) {
  const { t } = useTranslation();
  const phone = content.callerPhone
    ? toE164(content.callerPhone)
      ? formatPhoneForDisplay(toE164(content.callerPhone)!)
      : content.callerPhone
    : '';
  const labels = new Map<string, string>();
  for (const s of firm.script.steps) if (s.field) labels.set(s.field.key, s.field.label);
  for (const f of firm.messageFields) labels.set(f.key, f.label);
  const resolved = resolveRecipients(firm.people, content.recipients, content.urgency);
  const recipients = resolved.to.map((r) => r.name);
  const copies = resolved.cc.map((r) => r.name);
  const boxes = new Set([
    content.callerName,
    content.callerCompany,
    content.callerPhone,
    content.callerEmail,
    content.motif,
    content.callBack,
  ]);
  const rows: Array<[string, string]> = [
    [t('callDesk.message.recipients'), recipients.join(', ') || t('callDesk.message.nobodyReachable')],
    [t('callDesk.message.copies'), copies.join(', ')],
    [t('callDesk.message.callerName'), [content.callerName, content.callerCompany].filter(Boolean).join(' — ')],
    [t('callDesk.message.callerPhone'), phone],
    [t('callDesk.message.callerEmail'), content.callerEmail],
    [t('callDesk.message.motif'), content.motif],
    [t('callDesk.message.urgency'), t(`callDesk.urgency.${content.urgency}`)],
    [t('callDesk.message.callBack'), content.callBack],
    ...Object.entries(content.fields)
      // Answers already shown in their own box (name, number, motif…) are not repeated.
      .filter(([key, value]) => value && labels.has(key) && !boxes.has(value))
      .map(([key, value]) => [labels.get(key)!, value] as [string, string]),
    [t('callDesk.message.body'), content.body],
  ];
  return <ReadbackList rows={rows} label={t('callDesk.runner.readback')} />;
}
