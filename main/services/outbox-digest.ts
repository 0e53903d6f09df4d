import { DateTime } from 'luxon';
import { renderDigestMail } from '../../shared/domain/message-mail';
import type { createFirmDeliveryRepository, MailAddress, OutboxRepository } from '../store/repositories/outbox';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import { mailDomain } from './messages-queue';

/** The last time the firm's digest clock struck, in the firm's own time zone. */
export function lastDigestInstant(now: number, digestTime: string, timeZone: string): number {
  const [hour, minute] = digestTime.split(':').map(Number) as [number, number];
  const local = DateTime.fromMillis(now, { zone: timeZone });
  let at = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (at.toMillis() > now) at = at.minus({ days: 1 }).set({ hour, minute });
  return at.toMillis();
}

/**
 * Groups a firm's held (non-urgent) messages into one digest mail once its time has come; releases them one
 * by one if the firm turned the digest off meanwhile.
 */
export function createDigestScheduler(deps: {
  ctx: ServiceContext;
  outbox: OutboxRepository;
  delivery: ReturnType<typeof createFirmDeliveryRepository>;
  firms: FirmsService;
  fromAddress: () => string | null;
}) {
  const { ctx, outbox, delivery } = deps;
  return function runDueDigests(): void {
    const now = ctx.now();
    for (const firmId of outbox.firmsWithHeld()) {
      const settings = delivery.get(firmId);
      const held = outbox.held(firmId);
      if (!settings.digestEnabled) {
        ctx.db.transaction(() => held.forEach((job) => outbox.release(job.id, now)))();
        continue;
      }
      let firm;
      try {
        firm = deps.firms.get(firmId);
      } catch {
        continue;
      }
      const due = lastDigestInstant(now, settings.digestTime, firm.profile.timeZone);
      if (settings.lastDigestAt !== null && settings.lastDigestAt >= due) continue;
      const ready = held.filter((job) => job.createdAt <= due);
      if (ready.length === 0) continue;
      const to = new Map<string, MailAddress>();
      for (const job of ready)
        for (const r of [...job.recipients.to, ...job.recipients.cc]) to.set(r.email.toLowerCase(), r);
      const dateLabel = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: firm.profile.timeZone }).format(
        due,
      );
      const mail = renderDigestMail(
        firm.profile.name,
        dateLabel,
        ready.map((job) => ({ subject: job.subject, text: job.textBody })),
      );
      const id = ctx.newId();
      ctx.db.transaction(() => {
        outbox.insert({
          id,
          kind: 'digest',
          messageId: null,
          firmId,
          revision: 0,
          priority: 0,
          state: 'pending',
          nextAttemptAt: now,
          messageIdHeader: `<digest-${firmId.slice(0, 24)}-${id.slice(0, 8)}@${mailDomain(deps.fromAddress())}>`,
          inReplyTo: '',
          recipients: { to: [...to.values()], cc: [] },
          subject: mail.subject,
          textBody: mail.text,
          htmlBody: settings.format === 'html' ? mail.html : '',
          createdAt: now,
        });
        for (const job of ready) outbox.group(job.id, id);
        delivery.markDigestSent(firmId, now);
      })();
    }
  };
}
