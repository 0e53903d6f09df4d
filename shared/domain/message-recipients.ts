import type { Person } from './firm/people';
import type { Urgency } from './message';

export interface MailRecipient {
  personId: string;
  name: string;
  email: string;
}

export interface ResolvedRecipients {
  to: MailRecipient[];
  cc: MailRecipient[];
  /** People she chose who cannot receive it (no e-mail, or "never by e-mail"): shown to her, never silent. */
  unreachable: Array<{ personId: string; name: string; reason: 'no-email' | 'opted-out' }>;
}

/**
 * Who gets a message: the people she addressed (or the firm's default recipient when she addressed nobody) in
 * To; those who receive every message, and urgent ones for urgent messages, in Cc.
 */
export function resolveRecipients(
  people: readonly Person[],
  addressed: readonly string[],
  urgency: Urgency,
): ResolvedRecipients {
  const byId = new Map(people.map((p) => [p.id, p]));
  const result: ResolvedRecipients = { to: [], cc: [], unreachable: [] };
  const used = new Set<string>();
  const add = (list: MailRecipient[], person: Person) => {
    const key = person.email.toLowerCase();
    if (used.has(key)) return;
    used.add(key);
    list.push({ personId: person.id, name: person.name, email: person.email });
  };
  const primary =
    addressed.length > 0
      ? addressed.map((id) => byId.get(id)).filter((p): p is Person => Boolean(p))
      : people.filter((p) => p.isDefaultRecipient);
  for (const person of primary) {
    if (!person.email) result.unreachable.push({ personId: person.id, name: person.name, reason: 'no-email' });
    else if (person.receivesMessages === 'none' && addressed.length === 0)
      result.unreachable.push({ personId: person.id, name: person.name, reason: 'opted-out' });
    else add(result.to, person);
  }
  const urgent = urgency !== 'normal';
  for (const person of people) {
    if (!person.email) continue;
    if (person.receivesMessages === 'all' || (urgent && person.receivesMessages === 'urgent-only')) {
      add(result.to.length === 0 ? result.to : result.cc, person);
    }
  }
  return result;
}
