import { emptyContent, messageContentSchema } from '../../../../shared/domain/message';
import { applyAnswer, checkSendable, normaliseForSending } from '../../../../shared/domain/message-rules';
import { resolveRecipients } from '../../../../shared/domain/message-recipients';
import { personSchema } from '../../../../shared/domain/firm/people';
import type { ScriptField } from '../../../../shared/domain/firm/script';

const field = (key: string, type: ScriptField['type'] = 'text'): ScriptField => ({
  key,
  label: key,
  type,
  required: false,
  options: [],
});

describe('filling the message from the script', () => {
  it('keeps every answer under its key and fills the matching box of the message', () => {
    let c = emptyContent();
    c = applyAnswer(c, field('appelant'), 'M. Dupont');
    c = applyAnswer(c, field('numeroRappel', 'phone'), '06 12 34 56 78');
    c = applyAnswer(c, field('email', 'email'), 'dupont@example.fr');
    c = applyAnswer(c, field('resume'), 'Litige avec son bailleur');
    c = applyAnswer(c, field('natureDossier', 'choice'), 'Immobilier');
    expect(c).toMatchObject({
      callerName: 'M. Dupont',
      callerPhone: '06 12 34 56 78',
      callerEmail: 'dupont@example.fr',
      motif: 'Litige avec son bailleur',
      fields: { appelant: 'M. Dupont', natureDossier: 'Immobilier', resume: 'Litige avec son bailleur' },
    });
  });

  it('follows a changed answer but never overwrites what she typed in the box herself', () => {
    let c = applyAnswer(emptyContent(), field('appelant'), 'M. Dupon');
    c = applyAnswer(c, field('appelant'), 'M. Dupont');
    expect(c.callerName).toBe('M. Dupont');
    c = { ...c, callerName: 'Jean Dupont (fils)' };
    c = applyAnswer(c, field('appelant'), 'M. Dupont père');
    expect(c.callerName).toBe('Jean Dupont (fils)');
  });

  it('marks the message urgent when the caller answers yes to the urgency question, and back', () => {
    let c = applyAnswer(emptyContent(), field('urgence', 'yesno'), 'oui');
    expect(c.urgency).toBe('urgent');
    c = applyAnswer(c, field('urgence', 'yesno'), 'non');
    expect(c.urgency).toBe('normal');
  });

  it('takes the caller’s project (« Achat », « Location ») as the motif, so a script that asks it can send', () => {
    const c = applyAnswer(applyAnswer(emptyContent(), field('nom'), 'Mme Client'), field('projet', 'choice'), 'Achat');
    expect(c.motif).toBe('Achat');
    expect(checkSendable(c, [])).toEqual([]);
  });

  it('truncates a long answer to what the box holds so the draft always saves', () => {
    const c = applyAnswer(emptyContent(), field('resume'), 'x'.repeat(1000));
    expect(messageContentSchema.safeParse(c).success).toBe(true);
    expect(c.fields.resume).toHaveLength(1000);
  });
});

describe('what a message needs before it leaves', () => {
  it('names every missing piece in French with the field’s path', () => {
    const issues = checkSendable({ ...emptyContent(), callerPhone: '12' }, [
      { ...field('dossier'), label: 'Référence', required: true },
    ]);
    expect(issues.map((i) => i.path)).toEqual(['callerName', 'callerPhone', 'motif', 'fields.dossier']);
    expect(issues[3]!.message).toBe('« Référence » est obligatoire');
  });

  it('accepts a complete message and stores the number in E.164', () => {
    const content = { ...emptyContent(), callerName: 'M. Dupont', callerPhone: '06 12 34 56 78', motif: 'Rappel' };
    expect(checkSendable(content, [])).toEqual([]);
    expect(normaliseForSending(content).callerPhone).toBe('+33612345678');
  });
});

describe('who receives a message', () => {
  const people = [
    personSchema.parse({ id: 'claire', name: 'Me Martin', email: 'claire@x.fr', isDefaultRecipient: true }),
    personSchema.parse({ id: 'julien', name: 'Me Roux', email: 'julien@x.fr' }),
    personSchema.parse({ id: 'nadia', name: 'Nadia', email: 'nadia@x.fr', receivesMessages: 'urgent-only' }),
    personSchema.parse({ id: 'assoc', name: 'Associé', email: 'assoc@x.fr', receivesMessages: 'all' }),
    personSchema.parse({ id: 'stagiaire', name: 'Stagiaire', email: '' }),
  ];

  it('sends to the default recipient when she addressed nobody, copying those who receive everything', () => {
    const r = resolveRecipients(people, [], 'normal');
    expect(r.to.map((p) => p.personId)).toEqual(['claire']);
    expect(r.cc.map((p) => p.personId)).toEqual(['assoc']);
  });

  it('sends to the people she chose and copies urgent-only people on urgent messages', () => {
    const r = resolveRecipients(people, ['julien'], 'urgent');
    expect(r.to.map((p) => p.personId)).toEqual(['julien']);
    expect(r.cc.map((p) => p.personId)).toEqual(['nadia', 'assoc']);
  });

  it('reports a chosen person without an e-mail address instead of dropping them silently', () => {
    const r = resolveRecipients(people, ['stagiaire'], 'normal');
    expect(r.unreachable).toEqual([{ personId: 'stagiaire', name: 'Stagiaire', reason: 'no-email' }]);
  });
});
