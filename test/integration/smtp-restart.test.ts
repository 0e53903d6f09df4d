import { configureSmtp, createMartin, dupont, openMessagingContext } from './messaging-context';
import { startSmtpServer, waitFor, type TestSmtpServer } from './smtp-test-server';

let smtp: TestSmtpServer;
beforeEach(async () => {
  smtp = await startSmtpServer();
});
afterEach(async () => {
  await smtp.stop();
});

describe('the outbox across restarts', () => {
  it('delivers every queued message exactly once when the worker is stopped mid-queue and started again', async () => {
    const first = openMessagingContext();
    configureSmtp(first.services, smtp.port);
    const firmId = createMartin(first.services);
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      ids.push(
        first.services.messages.send({ firmId, content: dupont({ callerName: `Client ${i}`, urgency: 'normal' }) }).id,
      );
    }
    first.services.messages.startWorker();
    await waitFor(() => smtp.received.length >= 5, 'the first mails');
    await first.close();
    const sentBeforeRestart = smtp.received.length;
    expect(sentBeforeRestart).toBeLessThan(30);

    const second = openMessagingContext({ dataDir: first.dataDir });
    second.services.messages.startWorker();
    await waitFor(() => ids.every((id) => second.services.messages.get(id).status === 'transmis'), 'all transmis');
    await second.services.worker.drain();
    await second.close();

    expect(smtp.received).toHaveLength(30);
    const messageIds = smtp.received.map((m) => m.headers['x-permanence-message']);
    expect(new Set(messageIds).size).toBe(30);
    expect(new Set(smtp.received.map((m) => m.headers['message-id'])).size).toBe(30);
  });

  it('retries a job the app died during, once, under the same Message-ID, and says so in its history', async () => {
    const first = openMessagingContext();
    configureSmtp(first.services, smtp.port);
    const firmId = createMartin(first.services);
    const sent = first.services.messages.send({ firmId, content: dupont() });
    const job = first.services.messages.outbox.forMessage(sent.id)[0]!;
    // The worker wrote "sending" and the process died before the SMTP exchange finished.
    expect(first.services.messages.outbox.claim(job.id, Date.now())).toBe(true);
    await first.close();

    const second = openMessagingContext({ dataDir: first.dataDir });
    second.services.messages.startWorker();
    await waitFor(() => second.services.messages.get(sent.id).status === 'transmis', 'transmis after restart');
    await second.services.worker.drain();
    const detail = second.services.messages.get(sent.id);
    await second.close();

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.headers['message-id']).toBe(job.messageIdHeader);
    expect(detail.deliveries.map((d) => d.outcome)).toEqual(['retrying', 'sent']);
    expect(detail.deliveries[0]!.detail).toMatch(/Envoi interrompu/);
  });

  it('groups non-urgent messages into the firm’s daily digest at its time, while urgent ones leave at once', async () => {
    let clock = Date.parse('2026-11-23T09:00:00Z'); // 10:00 in Paris
    const t = openMessagingContext({ now: () => clock });
    configureSmtp(t.services, smtp.port);
    const firmId = createMartin(t.services);
    t.services.messages.saveDeliverySettings(firmId, { format: 'html', digestEnabled: true, digestTime: '18:00' });
    const a = t.services.messages.send({
      firmId,
      content: dupont({ callerName: 'Mme Leroy', urgency: 'normal', callBack: '' }),
    });
    const b = t.services.messages.send({
      firmId,
      content: dupont({ callerName: 'M. Petit', urgency: 'normal', callBack: '' }),
    });
    const urgent = t.services.messages.send({ firmId, content: dupont() });
    await t.services.worker.drain();
    expect(smtp.received.map((m) => m.subject)).toEqual(['[Cabinet Martin] Urgent — M. Dupont, rappel avant 12h']);
    expect(t.services.messages.get(a.id).deliveryNote).toMatch(/récapitulatif quotidien/);

    clock = Date.parse('2026-11-23T17:01:00Z'); // 18:01 in Paris
    await t.services.worker.drain();
    await t.services.worker.drain();
    expect(smtp.received).toHaveLength(2);
    const digest = smtp.received[1]!;
    expect(digest.subject).toBe('[Cabinet Martin] Récapitulatif du 23 novembre 2026 — 2 messages');
    expect(digest.text).toContain('Mme Leroy');
    expect(digest.text).toContain('M. Petit');
    expect(t.services.messages.get(a.id).status).toBe('transmis');
    expect(t.services.messages.get(b.id).status).toBe('transmis');
    expect(t.services.messages.get(urgent.id).status).toBe('transmis');

    // Same day, later: nothing more to send.
    clock += 60 * 60_000;
    await t.services.worker.drain();
    expect(smtp.received).toHaveLength(2);
    await t.close();
  });
});
