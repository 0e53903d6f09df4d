import type { MessageRecord } from '../../shared/domain/message';
import type { ServiceContext } from './context';
import { createContactsImportService } from './contacts-import';
import type { FirmsService } from './firms';
import { saveContactFromMessage } from './messages-contact';
import { createMessagesService } from './messages';
import { createOutboxWorker, type BackoffOptions } from './outbox';
import type { OutboxJob } from '../store/repositories/outbox';
import type { OutgoingMail } from './smtp-settings';
import { createDigestScheduler } from './outbox-digest';
import type { SecretStore } from './secrets';
import type { SettingsService } from './settings';
import { createSmtpSettingsService } from './smtp-settings';

/**
 * Messages, their outbox worker, the SMTP account and the contacts import, wired together. The host (Electron
 * main or the harness) calls `messages.startWorker()` once the window can receive events, and
 * `await messages.stopWorker()` before closing the store.
 */
export function createMessaging(
  ctx: ServiceContext,
  deps: {
    firms: FirmsService;
    settings: SettingsService;
    secrets: SecretStore;
    backoff?: BackoffOptions | undefined;
    onDelivered?: (message: { id: string; callId: string | null }, at: number) => void;
    onSent?: (message: MessageRecord) => void;
  },
) {
  const smtp = createSmtpSettingsService(ctx, deps.secrets);
  const service = createMessagesService(ctx, {
    firms: deps.firms,
    settings: deps.settings,
    smtp,
    onQueued: () => worker.kick(),
    ...(deps.onSent ? { onSent: deps.onSent } : {}),
  });
  const digest = createDigestScheduler({
    ctx,
    outbox: service.outbox,
    delivery: service.delivery,
    firms: deps.firms,
    fromAddress: () => smtp.fromAddress()?.address ?? null,
  });
  // Other domains' mail (invoices, appointments) rides the same outbox: they register what their jobs attach,
  // what they queue on their own schedule before each pump, and hear back.
  const otherJobs: Array<{
    attachmentsFor: (job: OutboxJob) => Promise<OutgoingMail['attachments']>;
    onJob?: (job: OutboxJob) => void;
    beforePump?: () => void;
  }> = [];
  const worker = createOutboxWorker({
    ctx,
    outbox: service.outbox,
    messages: service.repository,
    smtp,
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
    beforePump: () => {
      digest();
      for (const other of otherJobs) other.beforePump?.();
    },
    ...(deps.onDelivered ? { onDelivered: deps.onDelivered } : {}),
    attachmentsFor: async (job) => {
      for (const other of otherJobs) {
        const attachments = await other.attachmentsFor(job);
        if (attachments) return attachments;
      }
      return undefined;
    },
    onOtherJob: (job) => otherJobs.forEach((other) => other.onJob?.(job)),
  });
  smtp.onChange(() => worker.kick());
  const contactsImport = createContactsImportService(ctx, deps.firms);
  return {
    smtp,
    contactsImport,
    worker,
    /**
     * Lets another domain put jobs of its own in the outbox (invoices, appointments): the first registrant that
     * returns attachments for a job attaches them; `beforePump` queues what is due on its own schedule.
     */
    registerOtherJobs(hooks: {
      attachmentsFor: (job: OutboxJob) => Promise<OutgoingMail['attachments']>;
      onJob?: (job: OutboxJob) => void;
      beforePump?: () => void;
    }): void {
      otherJobs.push(hooks);
    },
    messages: {
      ...service,
      saveContact: (id: string) => saveContactFromMessage(ctx, service.repository, id),
      startWorker: () => worker.start(),
      stopWorker: async () => {
        await worker.stop();
        smtp.close();
      },
    },
  };
}
