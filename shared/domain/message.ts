import { z } from 'zod';
import { idSchema } from './ids';
import { stripBidiControls } from './text';
import { LIMITS } from './limits';
import { v } from './validation-messages';

export const URGENCIES = ['normal', 'urgent', 'tres-urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** brouillon → à transmettre → transmis → traité; échec when the mail could not be delivered. */
export const MESSAGE_STATUSES = ['brouillon', 'a-transmettre', 'transmis', 'traite', 'echec'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * What she types. Drafts accept anything typed so far (a half-typed number is still worth keeping);
 * `checkSendable` decides whether it can leave.
 */
export const messageContentSchema = z.object({
  /** Person ids of the firm; empty means the firm's default recipient. */
  recipients: z.array(idSchema).max(20).default([]),
  callerName: z.string().overwrite(stripBidiControls).max(160).default(''),
  callerCompany: z.string().max(160).default(''),
  callerPhone: z.string().max(40).default(''),
  callerEmail: z.string().max(200).default(''),
  motif: z.string().max(400).default(''),
  urgency: z.enum(URGENCIES).default('normal'),
  /** When the caller wants to be called back, as she says it: "avant 12h", "demain matin". */
  callBack: z.string().max(200).default(''),
  body: z.string().max(20_000).default(''),
  /** Answers to the script's fields and the firm's own message fields, by key: bounded in count and in total. */
  fields: z
    .record(z.string().max(40), z.string().max(2000))
    .superRefine((fields, ctx) => {
      const keys = Object.keys(fields);
      if (keys.length > LIMITS.messageFields) ctx.addIssue({ code: 'custom', message: v('tooManyFields') });
      else if (
        keys.reduce((sum, key) => sum + key.length + (fields[key]?.length ?? 0), 0) > LIMITS.messageFieldsChars
      ) {
        ctx.addIssue({ code: 'custom', message: v('fieldsTooLong') });
      }
    })
    .meta({ maxProperties: LIMITS.messageFields })
    .default({}),
});
export type MessageContent = z.infer<typeof messageContentSchema>;
export type MessageContentInput = z.input<typeof messageContentSchema>;

/** Where the runner was, so a draft restored after a crash resumes on the same step. */
export const scriptStateSchema = z.object({
  stepId: z.string().max(40).nullable().default(null),
  history: z.array(z.string().max(40)).max(200).default([]),
  finished: z.boolean().default(false),
  identityChecked: z.boolean().default(false),
});
export type ScriptState = z.infer<typeof scriptStateSchema>;

export function emptyContent(): MessageContent {
  return messageContentSchema.parse({});
}

export interface MessageRecord extends MessageContent {
  id: string;
  firmId: string;
  callId: string | null;
  contactId: string | null;
  status: MessageStatus;
  /** How many versions were handed to the outbox: 1 after the first send, 2 after a correction… */
  revision: number;
  scriptState: ScriptState;
  takenBy: string;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  deliveredAt: number | null;
  handledAt: number | null;
  /** The last delivery problem in French: why it failed, or why it is still waiting. */
  deliveryNote: string;
}

export interface MessageDelivery {
  jobId: string;
  revision: number;
  kind: 'message' | 'correction' | 'digest';
  at: number;
  outcome: 'sent' | 'failed' | 'retrying';
  accepted: string[];
  rejected: string[];
  detail: string;
}

export interface MessageDetail extends MessageRecord {
  deliveries: MessageDelivery[];
  /** The firm's labels for `fields` (script and message fields), in the order she met them. */
  fieldLabels: Array<{ key: string; label: string }>;
}

export const messageFilterSchema = z
  .object({
    firmId: idSchema.optional(),
    status: z.enum(MESSAGE_STATUSES).optional(),
    urgency: z.enum(URGENCIES).optional(),
    personId: idSchema.optional(),
    /** The caller's number in E.164: the ring card's "last messages from this caller". */
    callerPhone: z.string().max(40).optional(),
    /** The message(s) taken during one call. */
    callId: idSchema.optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    query: z.string().max(200).default(''),
    limit: z.number().int().min(1).max(500).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type MessageFilter = z.output<typeof messageFilterSchema>;

/** Editing is free while a draft; after delivery only a correction (a new revision) may change it. */
export function isEditableDraft(status: MessageStatus): boolean {
  return status === 'brouillon';
}

export function canCorrect(status: MessageStatus): boolean {
  return status === 'transmis' || status === 'traite' || status === 'echec' || status === 'a-transmettre';
}

export const URGENCY_LABELS_FR: Record<Urgency, string> = {
  normal: 'Normal',
  urgent: 'Urgent',
  'tres-urgent': 'Très urgent',
};

export const STATUS_LABELS_FR: Record<MessageStatus, string> = {
  brouillon: 'Brouillon',
  'a-transmettre': 'À transmettre',
  transmis: 'Transmis',
  traite: 'Traité',
  echec: 'Échec',
};
