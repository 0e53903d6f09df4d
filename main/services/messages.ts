import { PermanenceError } from '../../shared/api';
import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import {
  canCorrect,
  isEditableDraft,
  messageContentSchema,
  scriptStateSchema,
  type MessageContentInput,
  type MessageDetail,
  type MessageFilter,
  type MessageRecord,
  type ScriptState,
} from '../../shared/domain/message';
import { checkSendable, normaliseForSending } from '../../shared/domain/message-rules';
import type { FirmDelivery } from '../../shared/domain/message-smtp';
import { createMessagesRepository } from '../store/repositories/messages';
import { createFirmDeliveryRepository, createOutboxRepository } from '../store/repositories/outbox';
import type { ServiceContext } from './context';
import type { FirmsService } from './firms';
import { buildMessageJob, fieldLabels } from './messages-queue';
import type { SettingsService } from './settings';
import type { SmtpSettingsService } from './smtp-settings';

export interface DraftInput {
  id?: string | undefined;
  firmId: string;
  callId?: string | null | undefined;
  contactId?: string | null | undefined;
  content: MessageContentInput;
  scriptState?: Partial<ScriptState> | undefined;
}

export function createMessagesService(
  ctx: ServiceContext,
  deps: {
    firms: FirmsService;
    settings: SettingsService;
    smtp: SmtpSettingsService;
    onQueued: () => void;
    /** A message was handed to the outbox for the first time (not a correction): timesheets count it. */
    onSent?: (message: MessageRecord) => void;
  },
) {
  const messages = createMessagesRepository(ctx.db);
  const outbox = createOutboxRepository(ctx.db);
  const delivery = createFirmDeliveryRepository(ctx.db);

  function require(id: string): MessageRecord {
    const message = messages.get(id);
    if (!message) throw new PermanenceError('NOT_FOUND', 'Ce message n’existe pas.');
    return message;
  }

  function changed(message: MessageRecord): void {
    ctx.emit('messages:changed', { id: message.id, firmId: message.firmId, status: message.status });
  }

  function assertSendable(firm: FirmDetail, content: MessageRecord): void {
    const issues = checkSendable(content, firm.messageFields);
    if (issues.length > 0) {
      throw new PermanenceError(
        'VALIDATION',
        `Message incomplet : ${issues.map((i) => i.message).join(' ; ')}.`,
        issues.map((i) => ({ ...i, path: `content.${i.path}` })),
      );
    }
  }

  /**
   * Writes the outbox row in the same transaction as the status: queued means it will leave. A new revision
   * after a delivery is mailed as a correction; a retry keeps the revision and skips whoever already got it.
   */
  function queue(message: MessageRecord, firm: FirmDetail, mode: 'new-revision' | 'retry'): void {
    const revision = mode === 'retry' ? message.revision : message.revision + 1;
    const jobs = outbox.forMessage(message.id);
    const previous = jobs.filter((j) => j.state === 'sent' && j.revision < revision).pop() ?? null;
    const alreadyDelivered = new Set(
      messages
        .deliveries(message.id)
        .filter((d) => d.revision === revision)
        .flatMap((d) => d.accepted.map((a) => a.toLowerCase())),
    );
    const job = buildMessageJob({
      id: ctx.newId(),
      firm,
      message: { ...message, submittedAt: message.submittedAt ?? ctx.now() },
      kind: previous ? 'correction' : 'message',
      revision,
      delivery: delivery.get(firm.id),
      fromAddress: deps.smtp.fromAddress()?.address ?? null,
      previous: previous ? { header: previous.messageIdHeader, sentAt: previous.sentAt } : null,
      alreadyDelivered,
      now: ctx.now(),
    });
    outbox.cancelOpen(message.id);
    outbox.insert(job);
    messages.markSubmitted(message.id, revision, ctx.now());
    if (job.state === 'held') messages.setDeliveryNote(message.id, 'En attente du récapitulatif quotidien du cabinet.');
  }

  function writeDraft(input: DraftInput): MessageRecord {
    deps.firms.get(input.firmId);
    const content = messageContentSchema.parse(input.content);
    const existing = input.id ? messages.get(input.id) : null;
    if (existing && existing.firmId !== input.firmId)
      throw new PermanenceError('CONFLICT', 'Ce message appartient à un autre cabinet.');
    if (existing && !isEditableDraft(existing.status)) {
      throw new PermanenceError('CONFLICT', 'Ce message est déjà parti : modifiez-le par une correction.');
    }
    const id = existing?.id ?? input.id ?? ctx.newId();
    const scriptState = scriptStateSchema.parse({ ...(existing?.scriptState ?? {}), ...(input.scriptState ?? {}) });
    const now = ctx.now();
    if (!existing) {
      messages.insert({
        id,
        firmId: input.firmId,
        callId: input.callId ?? null,
        contactId: input.contactId ?? null,
        takenBy: deps.settings.get().secretaryName,
        now,
      });
    } else if (input.contactId !== undefined) {
      messages.setContact(id, input.contactId, now);
    }
    messages.writeContent(id, content, scriptState, now);
    return require(id);
  }

  return {
    repository: messages,
    outbox,
    delivery,
    get(id: string): MessageDetail {
      const message = require(id);
      const firm = ctx.repos.firms.get(message.firmId);
      return { ...message, deliveries: messages.deliveries(id), fieldLabels: firm ? fieldLabels(firm) : [] };
    },
    list(filter: MessageFilter) {
      return messages.list(filter);
    },
    /** Autosave: called on every pause in her typing; never refuses a half-typed field. */
    saveDraft(input: DraftInput): MessageRecord {
      const saved = ctx.db.transaction(() => writeDraft(input))();
      changed(saved);
      return saved;
    },
    discardDraft(id: string): { deleted: true } {
      const deleted = ctx.db.transaction(() => messages.deleteDraft(id))();
      if (!deleted) throw new PermanenceError('CONFLICT', 'Seul un brouillon peut être abandonné.');
      return { deleted: true };
    },
    /** Saves the last keystrokes, checks the message, and queues it in the same transaction. */
    send(input: DraftInput): MessageRecord {
      const sent = ctx.db.transaction(() => {
        const draft = writeDraft({ ...input, content: normaliseForSending(messageContentSchema.parse(input.content)) });
        const firm = deps.firms.get(draft.firmId);
        assertSendable(firm, draft);
        queue(draft, firm, 'new-revision');
        return require(draft.id);
      })();
      changed(sent);
      deps.onQueued();
      deps.onSent?.(sent);
      return sent;
    },
    /** After delivery the sent text is never rewritten: a correction is a new version, mailed as such. */
    correct(input: { id: string; content: MessageContentInput }): MessageRecord {
      const corrected = ctx.db.transaction(() => {
        const message = require(input.id);
        if (!canCorrect(message.status))
          throw new PermanenceError('CONFLICT', 'Un brouillon se modifie directement, sans correction.');
        const content = normaliseForSending(messageContentSchema.parse(input.content));
        messages.writeContent(message.id, content, message.scriptState, ctx.now());
        const updated = require(message.id);
        const firm = deps.firms.get(updated.firmId);
        assertSendable(firm, updated);
        queue(updated, firm, 'new-revision');
        return require(message.id);
      })();
      changed(corrected);
      deps.onQueued();
      return corrected;
    },
    /** Échec → à transmettre: a new attempt with the recipients as the firm's record now says. */
    retry(id: string): MessageRecord {
      const retried = ctx.db.transaction(() => {
        const message = require(id);
        if (message.status !== 'echec')
          throw new PermanenceError('CONFLICT', 'Seul un message en échec peut être renvoyé.');
        const firm = deps.firms.get(message.firmId);
        queue(message, firm, 'retry');
        return require(id);
      })();
      changed(retried);
      deps.onQueued();
      return retried;
    },
    markHandled(id: string): MessageRecord {
      const handled = ctx.db.transaction(() => {
        const message = require(id);
        if (message.status === 'brouillon')
          throw new PermanenceError('CONFLICT', 'Un brouillon ne peut pas être marqué traité.');
        messages.markHandled(id, ctx.now());
        return require(id);
      })();
      changed(handled);
      return handled;
    },
    deliverySettings(firmId: string): FirmDelivery {
      deps.firms.get(firmId);
      const { format, digestEnabled, digestTime } = delivery.get(firmId);
      return { format, digestEnabled, digestTime };
    },
    saveDeliverySettings(firmId: string, value: FirmDelivery): FirmDelivery {
      deps.firms.get(firmId);
      ctx.db.transaction(() => delivery.save(firmId, value))();
      deps.onQueued();
      const { format, digestEnabled, digestTime } = delivery.get(firmId);
      return { format, digestEnabled, digestTime };
    },
    /** The consignes version she last saw for this firm, then records the current one as seen. */
    consignesSeen(firmId: string): { previousVersion: number | null; currentVersion: number } {
      const firm = deps.firms.get(firmId);
      const previousVersion = messages.lastSeenConsignes(firmId);
      ctx.db.transaction(() => messages.markConsignesSeen(firmId, firm.consignes.version, ctx.now()))();
      return { previousVersion, currentVersion: firm.consignes.version };
    },
  };
}
export type MessagesService = ReturnType<typeof createMessagesService>;
