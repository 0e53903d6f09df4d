import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { PermanenceError } from '../../shared/api';
import { smtpAccountSchema, type SmtpAccount, type SmtpSettingsView } from '../../shared/domain/message-smtp';
import type { ServiceContext } from './context';
import type { SecretStore } from './secrets';

const SETTINGS_KEY = 'smtp';
const PASSWORD_SECRET = 'smtp.password';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: Array<{ name: string; address: string }>;
  cc: Array<{ name: string; address: string }>;
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  inReplyTo: string | null;
  headers: Record<string, string>;
  date: Date;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface SendResult {
  accepted: string[];
  rejected: Array<{ address: string; reason: string }>;
  response: string;
}

/** One SMTP connection pool for the current account; rebuilt when the account changes. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<SendResult>;
  verify(): Promise<void>;
  close(): void;
}

export function createSmtpSettingsService(ctx: ServiceContext, secrets: SecretStore) {
  let sender: { key: string; sender: MailSender } | null = null;
  const listeners = new Set<() => void>();

  function account(): SmtpAccount | null {
    const stored = ctx.repos.settings.readAll()[SETTINGS_KEY];
    const parsed = smtpAccountSchema.safeParse(stored);
    return parsed.success ? parsed.data : null;
  }

  function view(): SmtpSettingsView {
    return { account: account(), hasPassword: secrets.get(PASSWORD_SECRET) !== null, protection: secrets.protection };
  }

  function buildSender(current: SmtpAccount, password: string | null): MailSender {
    const transport = nodemailer.createTransport({
      host: current.host,
      port: current.port,
      secure: current.security === 'tls',
      requireTLS: current.security === 'starttls',
      ignoreTLS: current.security === 'none',
      ...(current.user ? { auth: { user: current.user, pass: password ?? '' } } : {}),
      pool: true,
      maxConnections: 1,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    } satisfies SMTPPool.Options);
    return {
      async send(mail) {
        const info = await transport.sendMail({
          from: mail.from,
          to: mail.to,
          cc: mail.cc,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          messageId: mail.messageId,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
          headers: mail.headers,
          date: mail.date,
          ...(mail.attachments ? { attachments: mail.attachments } : {}),
        });
        const rejectedErrors =
          (info as { rejectedErrors?: Array<{ recipient?: string; response?: string }> }).rejectedErrors ?? [];
        return {
          accepted: (info.accepted as Array<string | { address: string }>).map(addressOf),
          rejected: (info.rejected as Array<string | { address: string }>).map((r) => {
            const address = addressOf(r);
            return { address, reason: rejectedErrors.find((e) => e.recipient === address)?.response ?? '' };
          }),
          response: String(info.response ?? ''),
        };
      },
      async verify() {
        await transport.verify();
      },
      close() {
        transport.close();
      },
    };
  }

  function changed(): void {
    sender?.sender.close();
    sender = null;
    for (const listener of listeners) listener();
  }

  function currentSender(): MailSender | null {
    const current = account();
    if (!current) return null;
    const password = secrets.get(PASSWORD_SECRET);
    const key = JSON.stringify([current, password]);
    if (!sender || sender.key !== key) {
      sender?.sender.close();
      sender = { key, sender: buildSender(current, password) };
    }
    return sender.sender;
  }

  return {
    view,
    save(input: SmtpAccount & { password?: string | null | undefined }): SmtpSettingsView {
      const { password, ...rest } = input;
      const parsed = smtpAccountSchema.parse(rest);
      ctx.repos.settings.write({ [SETTINGS_KEY]: parsed });
      if (password === null) secrets.delete(PASSWORD_SECRET);
      else if (password !== undefined && password !== '') secrets.set(PASSWORD_SECRET, password);
      changed();
      return view();
    },
    /** The sender for the current account, or null while no account is configured. */
    sender: currentSender,
    fromAddress(): { name: string; address: string } | null {
      const current = account();
      return current ? { name: current.fromName, address: current.from } : null;
    },
    async verify(): Promise<{ ok: true }> {
      const current = currentSender();
      if (!current) throw new PermanenceError('VALIDATION', 'Aucun compte SMTP n’est configuré.');
      try {
        await current.verify();
        return { ok: true };
      } catch (error) {
        throw new PermanenceError('UNAVAILABLE', describeSmtpError(error));
      }
    },
    /** The outbox worker listens so that a newly configured account releases the waiting messages at once. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      sender?.sender.close();
      sender = null;
    },
  };
}
export type SmtpSettingsService = ReturnType<typeof createSmtpSettingsService>;

function addressOf(value: string | { address: string }): string {
  return typeof value === 'string' ? value : value.address;
}

export interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  rejected?: Array<string | { address: string }>;
  rejectedErrors?: Array<{ recipient?: string; response?: string }>;
}

/** Permanent: the server said no for good (5xx, refused recipients). Everything else is retried later. */
export function isPermanentSmtpError(error: unknown): boolean {
  const e = error as SmtpErrorLike;
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return (e.responseCode ?? 550) >= 500;
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.code !== 'EAUTH';
}

/** A sentence she can act on, in French, with the server's own words for the log-minded. */
export function describeSmtpError(error: unknown): string {
  const e = error as SmtpErrorLike;
  const server = e.response ? ` (réponse du serveur : ${e.response})` : '';
  switch (e.code) {
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'ETIMEDOUT':
    case 'EDNS':
      return `Serveur de messagerie injoignable${e.message ? ` : ${e.message}` : ''}.`;
    case 'EAUTH':
      return `Identifiant ou mot de passe SMTP refusé${server}. Vérifiez le compte dans les réglages.`;
    case 'ETLS':
      return `Connexion chiffrée impossible avec le serveur de messagerie${server}. Vérifiez le mode de sécurité.`;
    case 'EENVELOPE': {
      const refused = (e.rejectedErrors ?? []).map(
        (r) => `${r.recipient ?? '?'}${r.response ? ` (${r.response})` : ''}`,
      );
      const list = refused.length ? refused.join(', ') : (e.rejected ?? []).map(addressOf).join(', ');
      return `Adresse refusée par le serveur de messagerie : ${list || 'destinataire'}${list ? '' : server}. Vérifiez l’adresse e-mail de la personne dans la fiche du cabinet.`;
    }
    default:
      return `Envoi refusé par le serveur de messagerie${server || (e.message ? ` : ${e.message}` : '')}.`;
  }
}
