import { PermanenceError } from '../../shared/api';
import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import type { MessageRecord } from '../../shared/domain/message';
import { renderMessageMail } from '../../shared/domain/message-mail';
import { resolveRecipients } from '../../shared/domain/message-recipients';
import type { FirmDeliveryRow, NewJob, OutboxKind } from '../store/repositories/outbox';

/** Urgent first: the worker takes the highest priority that is due. */
export const PRIORITY = { 'tres-urgent': 20, urgent: 10, normal: 0 } as const;

/** Stable for the life of one outbox row: every retry of that row carries the same Message-ID. */
export function messageIdHeader(messageId: string, revision: number, jobId: string, domain: string): string {
  return `<msg-${messageId}-r${revision}-${jobId.slice(0, 8)}@${domain}>`;
}

export function mailDomain(from: string | null): string {
  const domain = from?.split('@')[1]?.trim();
  return domain && /^[A-Za-z0-9.-]+$/.test(domain) ? domain : 'permanence.invalid';
}

/** Labels for the mail: the script's fields in order, then the firm's message fields not asked in the script. */
export function fieldLabels(firm: FirmDetail): Array<{ key: string; label: string }> {
  const labels: Array<{ key: string; label: string }> = [];
  for (const step of firm.script.steps) if (step.field) labels.push({ key: step.field.key, label: step.field.label });
  for (const field of firm.messageFields) labels.push({ key: field.key, label: field.label });
  return labels;
}

/**
 * The outbox row for one version of a message: rendered now, kept as rendered, so what leaves is exactly what
 * she validated. Throws when nobody at the firm can receive it by e-mail.
 */
export function buildMessageJob(input: {
  id: string;
  firm: FirmDetail;
  message: MessageRecord;
  kind: Extract<OutboxKind, 'message' | 'correction'>;
  revision: number;
  delivery: FirmDeliveryRow;
  fromAddress: string | null;
  previous: { header: string; sentAt: number | null } | null;
  /** Addresses that already received this revision (a retry after a partial refusal). */
  alreadyDelivered?: ReadonlySet<string>;
  now: number;
}): NewJob {
  const { firm, message } = input;
  const resolved = resolveRecipients(firm.people, message.recipients, message.urgency);
  const fresh = (r: { email: string }) => !input.alreadyDelivered?.has(r.email.toLowerCase());
  const recipients = { ...resolved, to: resolved.to.filter(fresh), cc: resolved.cc.filter(fresh) };
  if (recipients.to.length === 0 && recipients.cc.length > 0)
    recipients.to = recipients.cc.splice(0, recipients.cc.length);
  if (recipients.to.length === 0) {
    const names = recipients.unreachable.map((u) => u.name).join(', ');
    throw new PermanenceError(
      'VALIDATION',
      names
        ? `Impossible d’envoyer : ${names} n’a pas d’adresse e-mail dans la fiche du cabinet.`
        : 'Impossible d’envoyer : aucun destinataire du cabinet n’a d’adresse e-mail. Complétez la fiche du cabinet.',
      [{ path: 'recipients', message: 'aucun destinataire joignable par e-mail' }],
    );
  }
  const mail = renderMessageMail({
    firmName: firm.profile.name,
    timeZone: firm.profile.timeZone,
    content: message,
    fieldLabels: fieldLabels(firm),
    addressedTo: recipients.to.map((r) => r.name),
    takenAt: message.submittedAt ?? message.createdAt,
    takenBy: message.takenBy,
    reference: message.id.slice(0, 8),
    kind: input.kind,
    replacesSentAt: input.previous?.sentAt ?? null,
  });
  const digest = input.kind === 'message' && message.urgency === 'normal' && input.delivery.digestEnabled;
  return {
    id: input.id,
    kind: input.kind,
    messageId: message.id,
    firmId: firm.id,
    revision: input.revision,
    priority: PRIORITY[message.urgency],
    state: digest ? 'held' : 'pending',
    nextAttemptAt: input.now,
    messageIdHeader: messageIdHeader(message.id, input.revision, input.id, mailDomain(input.fromAddress)),
    inReplyTo: input.previous?.header ?? '',
    recipients: {
      to: recipients.to.map((r) => ({ name: r.name, email: r.email })),
      cc: recipients.cc.map((r) => ({ name: r.name, email: r.email })),
    },
    subject: mail.subject,
    textBody: mail.text,
    htmlBody: input.delivery.format === 'html' ? mail.html : '',
    createdAt: input.now,
  };
}
