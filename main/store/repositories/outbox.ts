import type { Db } from '../open';
import { fromJson, toJson } from './json';

export type OutboxKind = 'message' | 'correction' | 'digest' | 'invoice';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'held' | 'grouped' | 'cancelled';

export interface MailAddress {
  name: string;
  email: string;
}

export interface OutboxRecipients {
  to: MailAddress[];
  cc: MailAddress[];
}

export interface OutboxJob {
  id: string;
  kind: OutboxKind;
  messageId: string | null;
  /** Invoice jobs: the invoice whose PDF is attached. */
  invoiceId: string | null;
  firmId: string;
  revision: number;
  priority: number;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string;
  messageIdHeader: string;
  inReplyTo: string;
  recipients: OutboxRecipients;
  subject: string;
  textBody: string;
  htmlBody: string;
  digestJobId: string | null;
  createdAt: number;
  startedAt: number | null;
  sentAt: number | null;
}

interface JobRow {
  id: string;
  kind: OutboxKind;
  message_id: string | null;
  invoice_id: string | null;
  firm_id: string;
  revision: number;
  priority: number;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number;
  last_error: string;
  message_id_header: string;
  in_reply_to: string;
  recipients: string;
  subject: string;
  text_body: string;
  html_body: string;
  digest_job_id: string | null;
  created_at: number;
  started_at: number | null;
  sent_at: number | null;
}

export type NewJob = Omit<
  OutboxJob,
  'attempts' | 'lastError' | 'digestJobId' | 'startedAt' | 'sentAt' | 'invoiceId'
> & { invoiceId?: string | null };

function toJob(row: JobRow): OutboxJob {
  return {
    id: row.id,
    kind: row.kind,
    messageId: row.message_id,
    invoiceId: row.invoice_id,
    firmId: row.firm_id,
    revision: row.revision,
    priority: row.priority,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    messageIdHeader: row.message_id_header,
    inReplyTo: row.in_reply_to,
    recipients: fromJson<OutboxRecipients>(row.recipients),
    subject: row.subject,
    textBody: row.text_body,
    htmlBody: row.html_body,
    digestJobId: row.digest_job_id,
    createdAt: row.created_at,
    startedAt: row.started_at,
    sentAt: row.sent_at,
  };
}

export function createOutboxRepository(db: Db) {
  const s = {
    insert: db.prepare(
      `INSERT INTO outbox (id, kind, message_id, invoice_id, firm_id, revision, priority, state, next_attempt_at,
         message_id_header, in_reply_to, recipients, subject, text_body, html_body, created_at)
       VALUES (@id, @kind, @messageId, @invoiceId, @firmId, @revision, @priority, @state, @nextAttemptAt,
         @messageIdHeader, @inReplyTo, @recipients, @subject, @textBody, @htmlBody, @createdAt)`,
    ),
    byId: db.prepare<[string], JobRow>('SELECT * FROM outbox WHERE id = ?'),
    nextDue: db.prepare<[number], JobRow>(
      "SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY priority DESC, next_attempt_at, seq LIMIT 1",
    ),
    earliestPending: db.prepare<[], { at: number | null }>(
      "SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending'",
    ),
    claim: db.prepare<[number, string]>(
      "UPDATE outbox SET state = 'sending', attempts = attempts + 1, started_at = ? WHERE id = ? AND state = 'pending'",
    ),
    sent: db.prepare<[number, string]>(
      "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = '' WHERE id = ? AND state IN ('sending', 'grouped')",
    ),
    retry: db.prepare<[number, string, string]>(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'sending'",
    ),
    failed: db.prepare<[string, string]>("UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?"),
    retryFailed: db.prepare<[number, string]>(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = '' WHERE id = ? AND state = 'failed'",
    ),
    interrupted: db.prepare<[], JobRow>("SELECT * FROM outbox WHERE state = 'sending'"),
    requeue: db.prepare<[number, string, string]>(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND state = 'sending'",
    ),
    forMessage: db.prepare<[string], JobRow>('SELECT * FROM outbox WHERE message_id = ? ORDER BY seq'),
    forInvoice: db.prepare<[string], JobRow>(
      "SELECT * FROM outbox WHERE invoice_id = ? AND state <> 'cancelled' ORDER BY seq DESC LIMIT 1",
    ),
    cancelOpen: db.prepare<[string]>(
      "UPDATE outbox SET state = 'cancelled' WHERE message_id = ? AND state IN ('pending', 'held', 'failed')",
    ),
    held: db.prepare<[string], JobRow>("SELECT * FROM outbox WHERE firm_id = ? AND state = 'held' ORDER BY seq"),
    firmsWithHeld: db.prepare<[], { firm_id: string }>("SELECT DISTINCT firm_id FROM outbox WHERE state = 'held'"),
    release: db.prepare<[number, string]>(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE id = ? AND state = 'held'",
    ),
    group: db.prepare<[string, string]>(
      "UPDATE outbox SET state = 'grouped', digest_job_id = ? WHERE id = ? AND state = 'held'",
    ),
    grouped: db.prepare<[string], JobRow>('SELECT * FROM outbox WHERE digest_job_id = ? ORDER BY seq'),
    counts: db.prepare<[], { state: OutboxState; n: number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state'),
  };

  return {
    insert(job: NewJob): void {
      s.insert.run({ ...job, invoiceId: job.invoiceId ?? null, recipients: toJson(job.recipients) });
    },
    get(id: string): OutboxJob | null {
      const row = s.byId.get(id);
      return row ? toJob(row) : null;
    },
    nextDue(now: number): OutboxJob | null {
      const row = s.nextDue.get(now);
      return row ? toJob(row) : null;
    },
    earliestPending: (): number | null => s.earliestPending.get()?.at ?? null,
    /** Recorded BEFORE the SMTP transaction: a crash mid-send leaves the job visibly "sending". */
    claim: (id: string, now: number): boolean => s.claim.run(now, id).changes > 0,
    markSent: (id: string, now: number): boolean => s.sent.run(now, id).changes > 0,
    scheduleRetry: (id: string, at: number, error: string) => s.retry.run(at, error, id).changes > 0,
    markFailed: (id: string, error: string) => s.failed.run(error, id).changes > 0,
    /** A failed job she sends again (same job, same Message-ID). */
    retryFailed: (id: string, at: number) => s.retryFailed.run(at, id).changes > 0,
    interrupted: (): OutboxJob[] => s.interrupted.all().map(toJob),
    requeue: (id: string, at: number, note: string) => s.requeue.run(at, note, id).changes > 0,
    forMessage: (messageId: string): OutboxJob[] => s.forMessage.all(messageId).map(toJob),
    /** The live (not cancelled) job of an invoice, if it was queued. */
    forInvoice(invoiceId: string): OutboxJob | null {
      const row = s.forInvoice.get(invoiceId);
      return row ? toJob(row) : null;
    },
    cancelOpen: (messageId: string) => s.cancelOpen.run(messageId).changes,
    held: (firmId: string): OutboxJob[] => s.held.all(firmId).map(toJob),
    firmsWithHeld: (): string[] => s.firmsWithHeld.all().map((r) => r.firm_id),
    release: (id: string, now: number) => s.release.run(now, id).changes > 0,
    group: (jobId: string, digestJobId: string) => s.group.run(digestJobId, jobId).changes > 0,
    grouped: (digestJobId: string): OutboxJob[] => s.grouped.all(digestJobId).map(toJob),
    counts(): Record<OutboxState, number> {
      const result = { pending: 0, sending: 0, sent: 0, failed: 0, held: 0, grouped: 0, cancelled: 0 };
      for (const row of s.counts.all()) result[row.state] = row.n;
      return result;
    },
  };
}
export type OutboxRepository = ReturnType<typeof createOutboxRepository>;

export interface FirmDeliveryRow {
  format: 'html' | 'text';
  digestEnabled: boolean;
  digestTime: string;
  lastDigestAt: number | null;
}

/** Per-firm delivery preferences; a firm without a row gets HTML mails, one per message. */
export function createFirmDeliveryRepository(db: Db) {
  const get = db.prepare<
    [string],
    { format: 'html' | 'text'; digest_enabled: number; digest_time: string; last_digest_at: number | null }
  >('SELECT format, digest_enabled, digest_time, last_digest_at FROM firm_delivery WHERE firm_id = ?');
  const upsert = db.prepare(
    `INSERT INTO firm_delivery (firm_id, format, digest_enabled, digest_time) VALUES (@firmId, @format, @digestEnabled, @digestTime)
     ON CONFLICT (firm_id) DO UPDATE SET format = excluded.format, digest_enabled = excluded.digest_enabled, digest_time = excluded.digest_time`,
  );
  const digestDone = db.prepare<[number, string]>('UPDATE firm_delivery SET last_digest_at = ? WHERE firm_id = ?');
  return {
    get(firmId: string): FirmDeliveryRow {
      const row = get.get(firmId);
      if (!row) return { format: 'html', digestEnabled: false, digestTime: '18:00', lastDigestAt: null };
      return {
        format: row.format,
        digestEnabled: row.digest_enabled === 1,
        digestTime: row.digest_time,
        lastDigestAt: row.last_digest_at,
      };
    },
    save(firmId: string, value: { format: 'html' | 'text'; digestEnabled: boolean; digestTime: string }): void {
      upsert.run({
        firmId,
        format: value.format,
        digestEnabled: value.digestEnabled ? 1 : 0,
        digestTime: value.digestTime,
      });
    },
    markDigestSent: (firmId: string, at: number) => digestDone.run(at, firmId),
  };
}
