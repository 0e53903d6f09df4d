import { z } from 'zod';
import { timeOfDaySchema } from './firm/hours';
import { LIMITS } from './limits';

export const SMTP_SECURITY = ['starttls', 'tls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** The workspace's mail account. The password is not here: main keeps it in the secret store. */
export const smtpAccountSchema = z.object({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security: z.enum(SMTP_SECURITY),
  user: z.string().trim().max(200).default(''),
  from: z.email().max(LIMITS.email),
  fromName: z.string().trim().max(120).default('Permanence'),
});
export type SmtpAccount = z.infer<typeof smtpAccountSchema>;

/** `password`: a new one to keep, null to forget it, absent to leave it as it is. */
export const smtpSaveSchema = smtpAccountSchema
  .extend({ password: z.string().max(500).nullable().optional() })
  .strict();

export interface SmtpSettingsView {
  account: SmtpAccount | null;
  hasPassword: boolean;
  /** How the password is protected on this machine (OS keychain, or the harness's dev file). */
  protection: 'os-keychain' | 'dev-plaintext-file';
}

export const deliveryFormatSchema = z.enum(['html', 'text']);

export const firmDeliverySchema = z
  .object({
    format: deliveryFormatSchema.default('html'),
    /** Non-urgent messages wait and leave together once a day, at the firm's time. */
    digestEnabled: z.boolean().default(false),
    digestTime: timeOfDaySchema.default('18:00'),
  })
  .strict();
export type FirmDelivery = z.infer<typeof firmDeliverySchema>;
