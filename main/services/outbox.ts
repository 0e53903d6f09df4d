import type { MessagesRepository } from '../store/repositories/messages';
import type { OutboxJob, OutboxRepository } from '../store/repositories/outbox';
import type { ServiceContext } from './context';
import {
  describeSmtpError,
  isPermanentSmtpError,
  type OutgoingMail,
  type SendResult,
  type SmtpSettingsService,
} from './smtp-settings';

export interface BackoffOptions {
  /** First retry delay; doubles on every attempt up to `maxMs`. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 15 * 60_000 };
/** Even with nothing due, look again this often (a digest time may have come). */
const IDLE_POLL_MS = 30_000;
/** One pump sends at most this many mails before yielding to the event loop. */
const BATCH = 200;

export function backoffDelay(attempts: number, options: BackoffOptions): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  return Math.min(options.maxMs, options.baseMs * 2 ** exponent);
}

export interface OutboxWorker {
  start(): void;
  /** Waits for the mail in flight (if any) to finish and be recorded, then stops. */
  stop(): Promise<void>;
  /** Something was queued or the account changed: look now. */
  kick(): void;
  /** Sends everything due now; resolves when nothing due is left (tests and benchmarks). */
  drain(): Promise<void>;
  readonly running: boolean;
}

/**
 * The delivery worker. Exactly-once as far as SMTP allows: the job is marked "sending" before the SMTP
 * transaction and "sent" right after the server's acceptance, both committed; a job found "sending" at start
 * (the app died mid-transaction) is retried under the SAME Message-ID so the recipient's system can recognise
 * it, and the interruption is written in its history.
 */
export function createOutboxWorker(deps: {
  ctx: ServiceContext;
  outbox: OutboxRepository;
  messages: MessagesRepository;
  smtp: SmtpSettingsService;
  backoff?: BackoffOptions;
  /** Called before each pump: groups held messages whose digest time has come. */
  beforePump?: () => void;
  /** A message reached the firm: timesheets end the call's after-call work here when the firm bills it so. */
  onDelivered?: (message: { id: string; callId: string | null }, at: number) => void;
  /** Files a job carries (invoice jobs: the invoice PDF), read when it is sent. */
  attachmentsFor?: (job: OutboxJob) => Promise<OutgoingMail['attachments']>;
  /** A job that is not about messages (an invoice) was sent, failed or will be retried. */
  onOtherJob?: (job: OutboxJob) => void;
}): OutboxWorker {
  const { ctx, outbox, messages, smtp } = deps;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pumping: Promise<void> | null = null;
  let again = false;

  function emitFor(job: OutboxJob): void {
    const ids = job.kind === 'digest' ? outbox.grouped(job.id).map((j) => j.messageId) : [job.messageId];
    for (const id of ids) {
      const message = id ? messages.get(id) : null;
      if (message) ctx.emit('messages:changed', { id: message.id, firmId: message.firmId, status: message.status });
    }
  }

  function messageIdsOf(job: OutboxJob): string[] {
    if (job.kind === 'digest') return outbox.grouped(job.id).flatMap((j) => (j.messageId ? [j.messageId] : []));
    return job.messageId ? [job.messageId] : [];
  }

  function record(
    job: OutboxJob,
    outcome: 'sent' | 'failed' | 'retrying',
    result: Partial<SendResult>,
    detail: string,
  ): void {
    if (job.kind === 'invoice') return; // an invoice job has no message to record a delivery on
    const now = ctx.now();
    for (const messageId of messageIdsOf(job)) {
      messages.addDelivery(messageId, {
        jobId: job.id,
        revision: job.revision,
        kind: job.kind,
        at: now,
        outcome,
        accepted: result.accepted ?? [],
        rejected: (result.rejected ?? []).map((r) => r.address),
        detail,
      });
    }
  }

  function onSent(job: OutboxJob, result: SendResult): void {
    const now = ctx.now();
    ctx.db.transaction(() => {
      outbox.markSent(job.id, now);
      if (job.kind === 'digest') for (const held of outbox.grouped(job.id)) outbox.markSent(held.id, now);
      if (result.rejected.length > 0) {
        const refused = result.rejected.map((r) => `${r.address}${r.reason ? ` (${r.reason})` : ''}`).join(', ');
        const reason = `Adresse refusée par le serveur de messagerie : ${refused} ; remis à ${result.accepted.join(', ')}.`;
        record(job, 'failed', result, reason);
        for (const id of messageIdsOf(job)) messages.markFailed(id, reason, now);
      } else {
        record(job, 'sent', result, result.response);
        for (const id of messageIdsOf(job)) messages.markDelivered(id, now);
      }
    })();
    if (result.rejected.length === 0 && deps.onDelivered) {
      for (const id of messageIdsOf(job)) {
        const message = messages.get(id);
        if (message) deps.onDelivered({ id: message.id, callId: message.callId ?? null }, now);
      }
    }
  }

  function onError(job: OutboxJob, error: unknown): void {
    const reason = describeSmtpError(error);
    const now = ctx.now();
    ctx.db.transaction(() => {
      if (isPermanentSmtpError(error)) {
        outbox.markFailed(job.id, reason);
        record(job, 'failed', {}, reason);
        for (const id of messageIdsOf(job)) messages.markFailed(id, reason, now);
      } else {
        const at = now + backoffDelay(job.attempts + 1, backoff);
        outbox.scheduleRetry(job.id, at, reason);
        record(job, 'retrying', {}, reason);
        const when = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' }).format(at);
        for (const id of messageIdsOf(job))
          messages.setDeliveryNote(id, `${reason} Nouvel essai automatique vers ${when}.`);
      }
    })();
  }

  async function sendOne(job: OutboxJob): Promise<void> {
    const sender = smtp.sender();
    const from = smtp.fromAddress();
    if (!sender || !from) {
      // No account yet: the message waits; saving an account kicks the worker.
      ctx.db.transaction(() => {
        for (const id of messageIdsOf(job))
          messages.setDeliveryNote(id, 'En attente : aucun compte SMTP n’est configuré dans les réglages.');
      })();
      return;
    }
    if (!ctx.db.transaction(() => outbox.claim(job.id, ctx.now()))()) return;
    const claimed = outbox.get(job.id)!;
    try {
      const result = await sender.send({
        from,
        to: claimed.recipients.to.map((r) => ({ name: r.name, address: r.email })),
        cc: claimed.recipients.cc.map((r) => ({ name: r.name, address: r.email })),
        subject: claimed.subject,
        text: claimed.textBody,
        html: claimed.htmlBody || null,
        messageId: claimed.messageIdHeader,
        inReplyTo: claimed.inReplyTo || null,
        headers: {
          'X-Permanence-Job': claimed.id,
          ...(claimed.messageId ? { 'X-Permanence-Message': claimed.messageId } : {}),
        },
        date: new Date(claimed.createdAt),
        ...(deps.attachmentsFor ? { attachments: await deps.attachmentsFor(claimed) } : {}),
      });
      onSent(claimed, result);
    } catch (error) {
      onError(claimed, error);
    }
    emitFor(claimed);
    if (claimed.kind === 'invoice') deps.onOtherJob?.(claimed);
  }

  async function pump(): Promise<void> {
    do {
      again = false;
      deps.beforePump?.();
      for (let i = 0; i < BATCH && running; i += 1) {
        const job = outbox.nextDue(ctx.now());
        if (!job) break;
        if (!smtp.sender()) {
          await sendOne(job);
          break;
        }
        // A failed attempt moves next_attempt_at into the future, so the same job is not picked twice here.
        await sendOne(job);
      }
    } while (again && running);
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (pumping) {
        again = true;
        return;
      }
      pumping = pump()
        .catch(() => undefined)
        .finally(() => {
          pumping = null;
          if (!running) return;
          const earliest = outbox.earliestPending();
          const wait = earliest === null ? IDLE_POLL_MS : Math.max(0, Math.min(IDLE_POLL_MS, earliest - ctx.now()));
          schedule(again ? 0 : wait);
        });
    }, delayMs);
  }

  function recoverInterrupted(): void {
    ctx.db.transaction(() => {
      for (const job of outbox.interrupted()) {
        const note =
          'Envoi interrompu (arrêt de l’application pendant l’échange avec le serveur) : nouvel essai avec le même Message-ID.';
        outbox.requeue(job.id, ctx.now(), note);
        record(job, 'retrying', {}, note);
      }
    })();
  }

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      recoverInterrupted();
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await pumping;
    },
    kick() {
      if (!running) return;
      if (pumping) again = true;
      else schedule(0);
    },
    async drain() {
      const wasRunning = running;
      running = true;
      try {
        if (pumping) await pumping;
        await pump();
      } finally {
        running = wasRunning;
      }
    },
  };
}
