import { z } from 'zod';

/** ws:// is allowed for a PBX on the local network or loopback; anything else must be wss://. */
export const sipServerUrlSchema = z
  .string()
  .trim()
  .max(300)
  .regex(/^wss?:\/\/[^\s/]+/i, { message: 'Adresse WebSocket attendue (wss://… ou ws://…)' });

export const iceServerSchema = z
  .object({
    urls: z.union([z.string().max(300), z.array(z.string().max(300)).max(5)]),
    username: z.string().max(200).optional(),
    /** TURN credential: kept in the secret store; omitted keeps the stored one, an empty string forgets it. */
    credential: z.string().max(200).optional(),
  })
  .strict();
export type IceServerConfig = z.infer<typeof iceServerSchema>;

export const DTMF_MODES = ['rfc4733', 'info'] as const;
export type DtmfMode = (typeof DTMF_MODES)[number];
/** What "ne pas déranger" does with an incoming call: refuse it (486) or let it ring on to the firm's fallback. */
export const DND_MODES = ['reject', 'let-ring'] as const;
export type DndMode = (typeof DND_MODES)[number];

export const audioDevicesSchema = z
  .object({
    inputId: z.string().max(300).default(''),
    outputId: z.string().max(300).default(''),
    ringId: z.string().max(300).default(''),
  })
  .strict();
export type AudioDevices = z.infer<typeof audioDevicesSchema>;

/** The secretary's SIP account, without its password (that lives in the secret store). */
export const sipAccountSchema = z
  .object({
    displayName: z.string().trim().max(120).default(''),
    /** sip:user@domain */
    uri: z
      .string()
      .trim()
      .max(200)
      .regex(/^sips?:[^@\s]+@[^\s]+$/i, {
        message: 'Adresse SIP attendue, par exemple sip:secretariat@pbx.example.fr',
      }),
    /** Authorisation user when it differs from the URI's user part. */
    authUser: z.string().trim().max(120).default(''),
    servers: z.array(sipServerUrlSchema).min(1).max(5),
    iceServers: z.array(iceServerSchema).max(10).default([]),
    /** Registration expiry in seconds. */
    expires: z.number().int().min(30).max(3600).default(300),
    dtmfMode: z.enum(DTMF_MODES).default('rfc4733'),
    dndMode: z.enum(DND_MODES).default('reject'),
    /** Seconds the line may stay down before the status bar raises an alert. */
    downAlertSeconds: z.number().int().min(1).max(600).default(5),
    audio: audioDevicesSchema.default({ inputId: '', outputId: '', ringId: '' }),
  })
  .strict();
export type SipAccount = z.infer<typeof sipAccountSchema>;
export type SipAccountInput = z.input<typeof sipAccountSchema>;

export interface SipAccountView {
  account: SipAccount | null;
  hasPassword: boolean;
  /** Per ICE server of `account`: whether a TURN credential is kept in the secret store (never sent here). */
  turnCredentials: boolean[];
  /** How the password is protected on this machine. */
  protection: 'os-keychain' | 'dev-plaintext-file';
  /** 'env' when PERMANENCE_SIP_* variables define the account (the settings screen then shows it read-only). */
  source: 'settings' | 'env' | 'none';
}

/** What the softphone needs to register. The password crosses to the renderer only for sip.js, never to logs. */
export interface SipCredentials {
  account: SipAccount;
  password: string;
}

export const CALLER_ID_MODES = ['none', 'from-user', 'p-asserted-identity'] as const;
export type CallerIdMode = (typeof CALLER_ID_MODES)[number];
/** How an outgoing call for a firm presents the firm's number, when the PBX allows it. */
export const callerIdSchema = z
  .object({ mode: z.enum(CALLER_ID_MODES), number: z.string().trim().max(40).default('') })
  .strict();
export type CallerId = z.infer<typeof callerIdSchema>;
