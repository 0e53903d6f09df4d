import type { MessageField, ScriptField } from './firm/script';
import type { MessageContent } from './message';
import { toE164 } from './phone';
import { foldAccents } from './text';

/** Same shape as the contract's FieldIssue, so a service can throw these as they are. */
export interface ContentIssue {
  path: string;
  message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * What must hold before a message can leave: who called, how to reach them if they gave a number, and the
 * firm's required fields. Messages are French sentences; paths point at the form field.
 */
export function checkSendable(content: MessageContent, requiredFields: readonly MessageField[]): ContentIssue[] {
  const issues: ContentIssue[] = [];
  if (content.callerName.trim() === '' && content.callerCompany.trim() === '') {
    issues.push({ path: 'callerName', message: 'le nom de l’appelant est obligatoire' });
  }
  if (content.callerPhone.trim() !== '' && !toE164(content.callerPhone)) {
    issues.push({ path: 'callerPhone', message: 'numéro de téléphone invalide' });
  }
  if (content.callerEmail.trim() !== '' && !EMAIL.test(content.callerEmail.trim())) {
    issues.push({ path: 'callerEmail', message: 'adresse e-mail invalide' });
  }
  if (content.motif.trim() === '' && content.body.trim() === '') {
    issues.push({ path: 'motif', message: 'indiquez le motif de l’appel ou un texte' });
  }
  for (const field of requiredFields) {
    if (field.required && (content.fields[field.key] ?? '').trim() === '') {
      issues.push({ path: `fields.${field.key}`, message: `« ${field.label} » est obligatoire` });
    }
  }
  return issues;
}

/** Normalises what is kept once the message leaves: the number in E.164, trimmed text. */
export function normaliseForSending(content: MessageContent): MessageContent {
  const phone = content.callerPhone.trim();
  return {
    ...content,
    callerName: content.callerName.trim(),
    callerCompany: content.callerCompany.trim(),
    callerPhone: phone === '' ? '' : (toE164(phone) ?? phone),
    callerEmail: content.callerEmail.trim(),
    motif: content.motif.trim(),
    callBack: content.callBack.trim(),
  };
}

/** Script field keys that mean one of the message's own boxes; other answers go to `fields`. */
const NAME_KEYS = new Set(['appelant', 'nom', 'client', 'patient', 'nomappelant', 'caller', 'callername', 'identite']);
const COMPANY_KEYS = new Set(['societe', 'entreprise', 'company', 'raisonsociale']);
const MOTIF_KEYS = new Set(['motif', 'objet', 'resume', 'probleme', 'besoin', 'demande', 'projet']);
const CALLBACK_KEYS = new Set(['rappel', 'creneaurappel', 'callback', 'disponibilites', 'creneau', 'creneausouhaite']);
const URGENCY_KEYS = new Set(['urgence', 'urgent', 'urgencevitale', 'fuiteactive']);

/** The message schema's maxima, so an answer copied into a box never makes the draft invalid. */
const BOX_LIMITS = {
  callerName: 160,
  callerCompany: 160,
  callerPhone: 40,
  callerEmail: 200,
  motif: 400,
  callBack: 200,
} as const;

const fold = foldAccents;

/**
 * Puts one script answer into the message: always under its key in `fields`, and also in the matching box of
 * the message (caller name, phone, e-mail, motif, call-back window, urgency) when the box is still empty.
 */
export function applyAnswer(content: MessageContent, field: ScriptField, value: string): MessageContent {
  const next: MessageContent = { ...content, fields: { ...content.fields, [field.key]: value } };
  const key = fold(field.key);
  const fillIfEmpty = (box: keyof typeof BOX_LIMITS) => {
    const previous = (content.fields[field.key] ?? '').slice(0, BOX_LIMITS[box]);
    if (next[box].trim() === '' || next[box] === previous) next[box] = value.slice(0, BOX_LIMITS[box]);
  };
  if (field.type === 'phone') fillIfEmpty('callerPhone');
  else if (field.type === 'email') fillIfEmpty('callerEmail');
  else if (NAME_KEYS.has(key)) fillIfEmpty('callerName');
  else if (COMPANY_KEYS.has(key)) fillIfEmpty('callerCompany');
  else if (MOTIF_KEYS.has(key)) fillIfEmpty('motif');
  else if (CALLBACK_KEYS.has(key)) fillIfEmpty('callBack');
  if (field.type === 'yesno' && URGENCY_KEYS.has(key)) {
    const yes = ['oui', 'yes'].includes(fold(value));
    if (yes && next.urgency === 'normal') next.urgency = 'urgent';
    if (!yes && content.fields[field.key] && ['oui', 'yes'].includes(fold(content.fields[field.key]!)))
      next.urgency = 'normal';
  }
  return next;
}
