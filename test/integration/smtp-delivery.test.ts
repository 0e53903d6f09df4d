import { configureSmtp, createMartin, dupont, openMessagingContext, type MessagingContext } from './messaging-context';
import { startSmtpServer, waitFor, type TestSmtpServer } from './smtp-test-server';

let smtp: TestSmtpServer;
let t: MessagingContext;

beforeEach(async () => {
  smtp = await startSmtpServer();
  t = openMessagingContext();
});
afterEach(async () => {
  await t.close();
  await smtp.stop();
});

describe('delivery of a message by e-mail to a real SMTP server', () => {
  it('sends the message to the addressed person with a phone-friendly subject, text, HTML and a stable Message-ID', async () => {
    configureSmtp(t.services, smtp.port);
    const firmId = createMartin(t.services);
    t.services.messages.startWorker();
    const sent = t.services.messages.send({ firmId, content: dupont({ recipients: ['claire'] }) });
    expect(sent.status).toBe('a-transmettre');

    const mail = await waitFor(() => smtp.received[0], 'the mail');
    expect(mail.envelopeFrom).toBe('permanence@secretariat.test');
    // Urgent: Nadia (urgent-only) is copied.
    expect(mail.envelopeTo.sort()).toEqual(['claire@martin.test', 'nadia@martin.test']);
    expect(mail.headers.to).toContain('claire@martin.test');
    expect(mail.headers.cc).toContain('nadia@martin.test');
    expect(mail.subject).toBe('[Cabinet Martin] Urgent — M. Dupont, rappel avant 12h');
    expect(mail.text).toContain('De : M. Dupont');
    expect(mail.text).toContain('Téléphone : 06 12 34 56 78');
    expect(mail.text).toContain('Motif : Audience déplacée');
    expect(mail.text).toContain('Rappel souhaité : avant 12h');
    expect(mail.text).toContain('Son audience du 3 décembre est avancée');
    expect(mail.html).toContain('<a href="tel:+33612345678">06 12 34 56 78</a>');
    expect(mail.html).toContain('Urgent');

    const job = t.services.messages.outbox.forMessage(sent.id)[0]!;
    expect(mail.headers['message-id']).toBe(job.messageIdHeader);
    expect(mail.headers['x-permanence-message']).toBe(sent.id);

    const delivered = await waitFor(() => {
      const m = t.services.messages.get(sent.id);
      return m.status === 'transmis' ? m : null;
    }, 'transmis');
    expect(delivered.deliveredAt).not.toBeNull();
    expect(delivered.deliveries).toEqual([
      expect.objectContaining({
        outcome: 'sent',
        accepted: expect.arrayContaining(['claire@martin.test', 'nadia@martin.test']),
      }),
    ]);
    expect(t.events).toContainEqual({ name: 'messages:changed', payload: { id: sent.id, firmId, status: 'transmis' } });
  });

  it('queues while the SMTP server is down and delivers exactly once when it is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    configureSmtp(t.services, port);
    const firmId = createMartin(t.services);
    t.services.messages.startWorker();
    const sent = t.services.messages.send({ firmId, content: dupont() });

    const waiting = await waitFor(() => {
      const m = t.services.messages.get(sent.id);
      return m.deliveries.filter((d) => d.outcome === 'retrying').length >= 2 ? m : null;
    }, 'two failed attempts');
    expect(waiting.status).toBe('a-transmettre');
    expect(waiting.deliveryNote).toMatch(/Serveur de messagerie injoignable/);

    await smtp.start();
    await waitFor(() => t.services.messages.get(sent.id).status === 'transmis', 'delivery once the server is back');
    // Let the worker run a few more cycles: nothing else may leave.
    await t.services.worker.drain();
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.subject).toBe('[Cabinet Martin] Urgent — M. Dupont, rappel avant 12h');
  });

  it('marks the message "échec" with a clear French reason when the server refuses the recipient', async () => {
    configureSmtp(t.services, smtp.port);
    smtp.rejectRecipients.add('julien@martin.test');
    const firmId = createMartin(t.services);
    t.services.messages.startWorker();
    const sent = t.services.messages.send({ firmId, content: dupont({ urgency: 'normal', recipients: ['julien'] }) });

    const failed = await waitFor(() => {
      const m = t.services.messages.get(sent.id);
      return m.status === 'echec' ? m : null;
    }, 'échec');
    expect(failed.deliveryNote).toMatch(/Adresse refusée par le serveur de messagerie : julien@martin\.test/);
    expect(failed.deliveryNote).toMatch(/550/);
    expect(smtp.received).toHaveLength(0);

    // She fixes the address on the server side (here: the server accepts again) and retries.
    smtp.rejectRecipients.clear();
    t.services.messages.retry(sent.id);
    await waitFor(() => t.services.messages.get(sent.id).status === 'transmis', 'transmis after retry');
    expect(smtp.received).toHaveLength(1);
  });

  it('on a partial refusal, says who got it and who did not, and a retry reaches only the refused address', async () => {
    configureSmtp(t.services, smtp.port);
    smtp.rejectRecipients.add('julien@martin.test');
    const firmId = createMartin(t.services);
    t.services.messages.startWorker();
    const sent = t.services.messages.send({
      firmId,
      content: dupont({ urgency: 'normal', recipients: ['claire', 'julien'] }),
    });
    const failed = await waitFor(() => {
      const m = t.services.messages.get(sent.id);
      return m.status === 'echec' ? m : null;
    }, 'échec');
    expect(failed.deliveryNote).toMatch(/julien@martin\.test .*; remis à claire@martin\.test\./);
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['claire@martin.test']]);

    smtp.rejectRecipients.clear();
    t.services.messages.retry(sent.id);
    await waitFor(() => t.services.messages.get(sent.id).status === 'transmis', 'transmis after retry');
    expect(smtp.received.map((m) => m.envelopeTo)).toEqual([['claire@martin.test'], ['julien@martin.test']]);
  });

  it('sends urgent messages before normal ones that were queued earlier', async () => {
    configureSmtp(t.services, smtp.port);
    const firmId = createMartin(t.services);
    for (const name of ['Client A', 'Client B', 'Client C']) {
      t.services.messages.send({ firmId, content: dupont({ callerName: name, urgency: 'normal', callBack: '' }) });
    }
    t.services.messages.send({ firmId, content: dupont({ callerName: 'Client Urgent', urgency: 'tres-urgent' }) });
    t.services.messages.startWorker();
    await waitFor(() => smtp.received.length === 4 && smtp.received, 'four mails');
    expect(smtp.received[0]!.subject).toBe('[Cabinet Martin] TRÈS URGENT — Client Urgent, rappel avant 12h');
  });

  it('sends a correction after delivery as a new mail that refers to the first, never rewriting it', async () => {
    configureSmtp(t.services, smtp.port);
    const firmId = createMartin(t.services);
    t.services.messages.startWorker();
    const sent = t.services.messages.send({ firmId, content: dupont() });
    await waitFor(() => t.services.messages.get(sent.id).status === 'transmis', 'first delivery');

    const corrected = t.services.messages.correct({ id: sent.id, content: dupont({ callBack: 'avant 14h' }) });
    expect(corrected.revision).toBe(2);
    await waitFor(() => smtp.received.length === 2, 'the correction');
    const [first, second] = smtp.received as [(typeof smtp.received)[0], (typeof smtp.received)[0]];
    expect(second.subject).toBe('[Cabinet Martin] Correction : Urgent — M. Dupont, rappel avant 14h');
    expect(second.headers['in-reply-to']).toBe(first.headers['message-id']);
    expect(second.text).toMatch(/^CORRECTION : cette version remplace le message envoyé le/);
    expect(first.subject).toContain('avant 12h');
    const jobs = t.services.messages.outbox.forMessage(sent.id);
    expect(jobs.map((j) => [j.kind, j.revision, j.state])).toEqual([
      ['message', 1, 'sent'],
      ['correction', 2, 'sent'],
    ]);
  });

  it('keeps messages waiting while no SMTP account is configured, and sends them once one is saved', async () => {
    const firmId = createMartin(t.services);
    t.services.messages.startWorker();
    const sent = t.services.messages.send({ firmId, content: dupont() });
    await waitFor(() => /aucun compte SMTP/.test(t.services.messages.get(sent.id).deliveryNote), 'the waiting note');
    configureSmtp(t.services, smtp.port);
    await waitFor(() => t.services.messages.get(sent.id).status === 'transmis', 'delivery after configuration');
    expect(smtp.received).toHaveLength(1);
  });
});
