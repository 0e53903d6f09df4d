import { backoffDelay } from '../../../../main/services/outbox';
import { lastDigestInstant } from '../../../../main/services/outbox-digest';
import { describeSmtpError, isPermanentSmtpError } from '../../../../main/services/smtp-settings';

describe('outbox rules', () => {
  it('doubles the wait after each failed attempt, up to a ceiling', () => {
    const options = { baseMs: 30_000, maxMs: 15 * 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffDelay(n, options))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000,
    ]);
  });

  it('gives up only on the server’s final refusals; connection and 4xx problems are retried', () => {
    expect(isPermanentSmtpError({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpError({ code: 'EMESSAGE', responseCode: 552 })).toBe(true);
    expect(isPermanentSmtpError({ code: 'EENVELOPE', responseCode: 451 })).toBe(false);
    expect(isPermanentSmtpError({ code: 'ECONNECTION' })).toBe(false);
    expect(isPermanentSmtpError({ code: 'ETIMEDOUT' })).toBe(false);
    // A refused password is fixed in the settings; the messages wait meanwhile.
    expect(isPermanentSmtpError({ code: 'EAUTH', responseCode: 535 })).toBe(false);
  });

  it('explains failures in French sentences she can act on', () => {
    expect(describeSmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' })).toBe(
      'Serveur de messagerie injoignable : connect ECONNREFUSED 127.0.0.1:2525.',
    );
    expect(describeSmtpError({ code: 'EAUTH', response: '535 5.7.8 Authentication failed' })).toMatch(
      /^Identifiant ou mot de passe SMTP refusé \(réponse du serveur : 535/,
    );
    expect(
      describeSmtpError({
        code: 'EENVELOPE',
        rejectedErrors: [{ recipient: 'x@y.fr', response: '550 5.1.1 Mailbox unavailable' }],
      }),
    ).toBe(
      'Adresse refusée par le serveur de messagerie : x@y.fr (550 5.1.1 Mailbox unavailable). Vérifiez l’adresse e-mail de la personne dans la fiche du cabinet.',
    );
  });

  it('finds when the firm’s digest clock last struck, in its own time zone and across DST', () => {
    // 2026-03-29 is the spring-forward day in Paris: 18:00 local is 16:00 UTC.
    expect(new Date(lastDigestInstant(Date.parse('2026-03-29T17:00:00Z'), '18:00', 'Europe/Paris')).toISOString()).toBe(
      '2026-03-29T16:00:00.000Z',
    );
    // Before today's time: yesterday's (still winter time, 17:00 UTC).
    expect(new Date(lastDigestInstant(Date.parse('2026-03-29T10:00:00Z'), '18:00', 'Europe/Paris')).toISOString()).toBe(
      '2026-03-28T17:00:00.000Z',
    );
    expect(
      new Date(lastDigestInstant(Date.parse('2026-11-23T22:00:00Z'), '18:00', 'America/Martinique')).toISOString(),
    ).toBe('2026-11-23T22:00:00.000Z');
  });
});
