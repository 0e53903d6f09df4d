import { configureSmtp, createMartin, dupont, openMessagingContext, type MessagingContext } from './messaging-context';
import { startSmtpServer, waitFor, type TestSmtpServer } from './smtp-test-server';

let smtp: TestSmtpServer;
let t: MessagingContext;
let clock = Date.UTC(2026, 10, 24, 9, 0, 0);

beforeEach(async () => {
  smtp = await startSmtpServer();
  clock = Date.UTC(2026, 10, 24, 9, 0, 0);
  t = openMessagingContext({ now: () => clock });
});
afterEach(async () => {
  await t.close();
  await smtp.stop();
});

describe('after-call work measured until the message is delivered', () => {
  it('extends the call’s time entry to the moment its message reached the firm over SMTP', async () => {
    configureSmtp(t.services, smtp.port);
    const firmId = createMartin(t.services, { billing: { afterCallWork: { mode: 'until-delivered' } } });
    const start = clock;
    t.services.calls.offer({
      id: 'call-acw',
      direction: 'inbound',
      firmId,
      matchedBy: 'diversion',
      matchedNumber: '+33199000001',
      callerNumber: '+33612345678',
      callerRaw: '',
      callerName: '',
      anonymous: false,
      diversionReason: null,
      diversionFrom: null,
      sipCallId: '',
      demo: false,
      at: start,
    });
    t.services.calls.record({ type: 'answered', callId: 'call-acw', at: start + 5_000 });
    t.services.calls.record({
      type: 'ended',
      callId: 'call-acw',
      at: start + 125_000,
      reason: 'remote-hangup',
      detail: '',
    });
    const entryOf = () =>
      t.services.timesheets
        .list({ firmId, from: null, to: null, limit: 10, offset: 0 })
        .items.find((e) => e.callId === 'call-acw');
    const atHangUp = entryOf();
    expect(atHangUp?.durationSeconds).toBe(120);

    // She writes the message for 95 seconds after hanging up, then sends it.
    clock = start + 220_000;
    t.services.messages.startWorker();
    const sent = t.services.messages.send({ firmId, callId: 'call-acw', content: dupont({ recipients: ['claire'] }) });
    await waitFor(() => (t.services.messages.get(sent.id).status === 'transmis' ? true : null), 'transmis');
    expect(smtp.received).toHaveLength(1);
    // Talk (120 s) + after-call work until delivery (220 − 125 = 95 s).
    expect(entryOf()?.durationSeconds).toBe(215);
  });
});
