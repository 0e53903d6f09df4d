import type { MessageContent } from './message';
import { formatPhoneForDisplay } from './phone';

export interface MailContentInput {
  firmName: string;
  timeZone: string;
  content: MessageContent;
  /** Labels of the script's and the firm's fields, in the order she met them. */
  fieldLabels: ReadonlyArray<{ key: string; label: string }>;
  addressedTo: readonly string[];
  takenAt: number;
  takenBy: string;
  reference: string;
  kind: 'message' | 'correction';
  /** When this is a correction: when the version it replaces was taken. */
  replacesSentAt?: number | null;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_MAX = 140;

function urgencyWord(content: MessageContent): string | null {
  if (content.urgency === 'urgent') return 'Urgent';
  if (content.urgency === 'tres-urgent') return 'TRÈS URGENT';
  return null;
}

function callerOf(content: MessageContent): string {
  const name = content.callerName.trim();
  const company = content.callerCompany.trim();
  if (name && company) return `${name} (${company})`;
  return name || company || 'Appelant inconnu';
}

/** "[Cabinet Martin] Urgent — M. Dupont, rappel avant 12h": what a phone's inbox shows first. */
export function messageSubject(firmName: string, content: MessageContent, kind: 'message' | 'correction'): string {
  const urgency = urgencyWord(content);
  const caller = content.callerName.trim() || content.callerCompany.trim() || 'Appelant inconnu';
  const tail = content.callBack.trim()
    ? `, rappel ${content.callBack.trim()}`
    : content.motif.trim()
      ? `, ${content.motif.trim()}`
      : '';
  const correction = kind === 'correction' ? 'Correction : ' : '';
  const subject = `[${firmName}] ${correction}${urgency ? `${urgency} — ` : ''}${caller}${tail}`;
  return subject.length > SUBJECT_MAX ? `${subject.slice(0, SUBJECT_MAX - 1)}…` : subject;
}

export function formatInstantFr(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(ms);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Line {
  label: string;
  value: string;
  href?: string;
}

function linesOf(input: MailContentInput): { head: Line[]; caller: Line[]; extra: Line[] } {
  const c = input.content;
  const urgency = urgencyWord(c);
  const head: Line[] = [{ label: 'Pour', value: input.addressedTo.join(', ') || input.firmName }];
  if (urgency) head.push({ label: 'Urgence', value: urgency });
  const caller: Line[] = [{ label: 'De', value: callerOf(c) }];
  if (c.callerPhone)
    caller.push({ label: 'Téléphone', value: formatPhoneForDisplay(c.callerPhone), href: `tel:${c.callerPhone}` });
  if (c.callerEmail) caller.push({ label: 'E-mail', value: c.callerEmail, href: `mailto:${c.callerEmail}` });
  if (c.motif) caller.push({ label: 'Motif', value: c.motif });
  if (c.callBack) caller.push({ label: 'Rappel souhaité', value: c.callBack });
  const shown = new Set<string>();
  const extra: Line[] = [];
  for (const { key, label } of input.fieldLabels) {
    const value = c.fields[key]?.trim();
    if (!value || shown.has(key)) continue;
    shown.add(key);
    extra.push({ label, value });
  }
  return { head, caller, extra };
}

function footer(input: MailContentInput): string {
  return `Message pris le ${formatInstantFr(input.takenAt, input.timeZone)}${input.takenBy ? ` par ${input.takenBy}` : ''} — réf. ${input.reference}`;
}

function correctionNote(input: MailContentInput): string | null {
  if (input.kind !== 'correction') return null;
  const when = input.replacesSentAt ? ` envoyé le ${formatInstantFr(input.replacesSentAt, input.timeZone)}` : '';
  return `CORRECTION : cette version remplace le message${when}.`;
}

/** The message as a mail: subject, a plain-text body that reads well on a phone, and the same in HTML. */
export function renderMessageMail(input: MailContentInput): RenderedMail {
  const { head, caller, extra } = linesOf(input);
  const note = correctionNote(input);
  const body = input.content.body.trim();
  const plain = (lines: Line[]) => lines.map((l) => `${l.label} : ${l.value}`).join('\n');
  const textParts = [
    note,
    plain(head),
    plain(caller),
    body || null,
    extra.length ? plain(extra) : null,
    `— ${footer(input)}`,
  ];
  const text = `${textParts.filter((p): p is string => p !== null).join('\n\n')}\n`;

  const row = (l: Line) =>
    `<tr><th align="left" style="padding:2px 12px 2px 0;color:#5d6677;font-weight:normal;vertical-align:top">${escapeHtml(l.label)}</th>` +
    `<td style="padding:2px 0">${l.href ? `<a href="${escapeHtml(l.href)}">${escapeHtml(l.value)}</a>` : escapeHtml(l.value)}</td></tr>`;
  const table = (lines: Line[]) =>
    `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">${lines.map(row).join('')}</table>`;
  const urgent = input.content.urgency !== 'normal';
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.4;color:#1d2330;margin:0;padding:12px">',
    note ? `<p style="background:#fff4d6;padding:8px;margin:0 0 12px"><strong>${escapeHtml(note)}</strong></p>` : '',
    urgent
      ? `<p style="color:#b3261e;font-weight:bold;margin:0 0 8px">${escapeHtml(urgencyWord(input.content)!)}</p>`
      : '',
    table(head.filter((l) => l.label !== 'Urgence')),
    table(caller),
    body ? `<p style="white-space:pre-wrap;margin:0 0 12px">${escapeHtml(body)}</p>` : '',
    extra.length ? table(extra) : '',
    `<p style="color:#5d6677;font-size:13px;margin:16px 0 0">${escapeHtml(footer(input))}</p>`,
    '</body></html>',
  ].join('');
  return { subject: messageSubject(input.firmName, input.content, input.kind), text, html };
}

export interface DigestItem {
  subject: string;
  text: string;
}

/** Several non-urgent messages of one firm in one mail, at the firm's chosen time. */
export function renderDigestMail(firmName: string, dateLabel: string, items: readonly DigestItem[]): RenderedMail {
  const subject = `[${firmName}] Récapitulatif du ${dateLabel} — ${items.length} message${items.length > 1 ? 's' : ''}`;
  const text = items.map((item, i) => `${i + 1}. ${item.subject}\n\n${item.text}`).join('\n---\n\n');
  const html =
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:16px">' +
    items
      .map(
        (item, i) =>
          `<h3 style="margin:16px 0 4px">${i + 1}. ${escapeHtml(item.subject)}</h3><pre style="white-space:pre-wrap;font-family:inherit">${escapeHtml(item.text)}</pre>`,
      )
      .join('<hr>') +
    '</body></html>';
  return { subject, text, html };
}
