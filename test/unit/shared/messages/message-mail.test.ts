import { emptyContent } from '../../../../shared/domain/message';
import { messageSubject, renderMessageMail } from '../../../../shared/domain/message-mail';

const content = {
  ...emptyContent(),
  callerName: 'M. Dupont',
  callerCompany: 'Dupont SARL',
  callerPhone: '+33612345678',
  motif: 'Audience',
  urgency: 'urgent' as const,
  callBack: 'avant 12h',
  body: 'Il faut <vite> rappeler & confirmer.',
  fields: { dossier: 'MA-2026-041', vide: '' },
};

describe('the message as an e-mail', () => {
  it('reads like "[Cabinet Martin] Urgent — M. Dupont, rappel avant 12h" in a phone’s inbox', () => {
    expect(messageSubject('Cabinet Martin', content, 'message')).toBe(
      '[Cabinet Martin] Urgent — M. Dupont, rappel avant 12h',
    );
    expect(messageSubject('Cabinet Martin', { ...content, urgency: 'normal', callBack: '' }, 'message')).toBe(
      '[Cabinet Martin] M. Dupont, Audience',
    );
    expect(messageSubject('Cabinet Martin', { ...content, urgency: 'tres-urgent' }, 'correction')).toBe(
      '[Cabinet Martin] Correction : TRÈS URGENT — M. Dupont, rappel avant 12h',
    );
    expect(
      messageSubject('Cabinet Martin', { ...content, motif: 'x'.repeat(300), callBack: '' }, 'message').length,
    ).toBeLessThanOrEqual(140);
  });

  it('lists the caller, the motif, the text and the firm’s fields in plain text, with the firm’s local time', () => {
    const mail = renderMessageMail({
      firmName: 'Cabinet Martin',
      timeZone: 'Europe/Paris',
      content,
      fieldLabels: [
        { key: 'dossier', label: 'Référence du dossier' },
        { key: 'vide', label: 'Vide' },
      ],
      addressedTo: ['Me Claire Martin'],
      takenAt: Date.parse('2026-11-23T09:32:00Z'),
      takenBy: 'Sophie',
      reference: 'abcd1234',
      kind: 'message',
    });
    expect(mail.text).toBe(
      [
        'Pour : Me Claire Martin',
        'Urgence : Urgent',
        '',
        'De : M. Dupont (Dupont SARL)',
        'Téléphone : 06 12 34 56 78',
        'Motif : Audience',
        'Rappel souhaité : avant 12h',
        '',
        'Il faut <vite> rappeler & confirmer.',
        '',
        'Référence du dossier : MA-2026-041',
        '',
        '— Message pris le lundi 23 novembre 2026 à 10:32 par Sophie — réf. abcd1234',
        '',
      ].join('\n'),
    );
    expect(mail.html).toContain('Il faut &lt;vite&gt; rappeler &amp; confirmer.');
    expect(mail.html).not.toContain('<vite>');
    expect(mail.html).toContain('href="tel:+33612345678"');
  });
});
