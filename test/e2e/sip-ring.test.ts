// The app against real SIP software: Kamailio + rtpengine + sipp, Chromium through the harness.
// Run inside a network namespace: bash scripts/with-netns.sh npx vitest run test/e2e/sip-ring.test.ts
import { startLab, requireLabTools, type Lab } from '../lab/lab';
import { runSipp, parseSippMessages } from '../lab/sipp';
import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { screenshotPath } from './support/harness';
import { addFirm, pageRtp, startSipApp, type SipApp } from './support/sip-app';

const ready = hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools();

describe.skipIf(!ready)('softphone against the SIP lab', () => {
  let lab: Lab;
  let app: SipApp;
  const firms: Record<string, string> = {};

  beforeAll(async () => {
    lab = await startLab({ fallbackUser: 'alice' });
    app = await startSipApp(lab, (h) => {
      const add = (key: string, name: string, number: string) => {
        firms[key] = addFirm(h, name, number);
      };
      add('martin', 'Cabinet Martin', '01 42 00 00 01');
      add('dupont', 'Plomberie Dupont', '01 42 00 00 02');
      add('lefevre', 'Agence Lefèvre', '01 42 00 00 03');
      add('roux', 'Docteur Roux', '01 42 00 00 04');
    });
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await lab?.stop();
  });

  const explain = () => `${app.console.slice(-20).join('\n')}`;

  async function ringAndCheck(headers: string[], service: string, expectedGreeting: string) {
    const caller = runSipp({
      scenario: 'uac-cancel-before-answer.xml',
      target: lab.sipTarget,
      service,
      headers,
      globals: { ring_ms: 1500 },
      timeoutMs: 15_000,
    });
    const greeting = app.page.locator('[data-call-state="ringing"] [data-testid="greeting"]');
    await greeting.waitFor({ timeout: 10_000 });
    expect(await greeting.textContent(), explain()).toBe(expectedGreeting);
    const result = await caller;
    expect(result.code, result.stderr + result.errors).toBe(0);
    await app.page.locator('[data-call-state="ringing"]').waitFor({ state: 'detached', timeout: 10_000 });
  }

  it('shows the right firm for a single Diversion', async () => {
    await ringAndCheck(
      ['Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1'],
      '0600000000',
      'Cabinet Martin, bonjour.',
    );
  }, 40_000);

  it('takes the original target of a chain of two Diversions', async () => {
    await ringAndCheck(
      [
        'Diversion: <sip:0600000099@permanence.lab>;reason=user-busy;counter=2',
        'Diversion: <tel:+33142000002>;reason=no-answer;counter=1',
      ],
      '0600000001',
      'Plomberie Dupont, bonjour.',
    );
  }, 40_000);

  it('reads History-Info', async () => {
    await ringAndCheck(
      [
        'History-Info: <sip:+33142000003@permanence.lab>;index=1',
        'History-Info: <sip:alice@permanence.lab;cause=302>;index=1.1',
      ],
      '0600000002',
      'Agence Lefèvre, bonjour.',
    );
  }, 40_000);

  it('falls back to the To header when nothing else names the firm', async () => {
    await ringAndCheck([], '0142000004', 'Docteur Roux, bonjour.');
  }, 40_000);

  it('logs a call the caller abandoned before answer as missed', async () => {
    const before = app.harness.services.calls.list({ limit: 500, offset: 0 }).total;
    await ringAndCheck(
      ['Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1'],
      '0600000003',
      'Cabinet Martin, bonjour.',
    );
    await expect
      .poll(() => app.harness.services.calls.list({ limit: 500, offset: 0 }).items[0]?.outcome, { timeout: 5000 })
      .toBe('missed');
    expect(app.harness.services.calls.list({ limit: 500, offset: 0 }).total).toBe(before + 1);
  }, 40_000);

  it('answers a forwarded call with RTP both ways; the caller hangs up; durations right to the second', async () => {
    const caller = runSipp({
      scenario: 'uac-forwarded-call.xml',
      target: lab.sipTarget,
      service: '0600000004',
      headers: ['Diversion: <sip:+33142000001@permanence.lab>;reason=unconditional;counter=1'],
      globals: { talk_ms: 4000 },
      timeoutMs: 30_000,
    });
    const card = app.page.locator('[data-call-state="ringing"]');
    await card.waitFor({ timeout: 10_000 });
    const callId = (await card.getAttribute('data-call-id'))!;
    await app.page.screenshot({ path: screenshotPath('sip-ring-card') });
    await app.page.keyboard.press('F9');
    await app.page.locator(`[data-call-id="${callId}"][data-call-state="active"]`).waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => (await pageRtp(app.page, callId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(50);
    const rtp = await pageRtp(app.page, callId);
    expect(rtp.outboundPackets, explain()).toBeGreaterThan(50);
    await app.page.screenshot({ path: screenshotPath('sip-in-call') });
    const result = await caller;
    expect(result.code, result.stderr + result.errors).toBe(0);
    await expect.poll(() => app.harness.services.calls.get(callId).outcome, { timeout: 5000 }).toBe('answered');
    const logged = app.harness.services.calls.get(callId);
    // sipp's own clock: 200 OK received → BYE sent is the conversation; compare to the log, to the second.
    const trace = parseSippMessages(result.messages);
    const ok = trace.find((m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 200'))!;
    const bye = trace.find((m) => m.direction === 'sent' && m.firstLine.startsWith('BYE'))!;
    const sippSeconds = Math.round((bye.at - ok.at) / 1000);
    const loggedSeconds = Math.round((logged.endedAt! - logged.answeredAt!) / 1000);
    expect(Math.abs(loggedSeconds - sippSeconds)).toBeLessThanOrEqual(1);
  }, 60_000);

  it('answers and hangs up from the app (F10); the caller receives the BYE', async () => {
    const caller = runSipp({
      scenario: 'uac-forwarded-call-wait-bye.xml',
      target: lab.sipTarget,
      service: '0600000005',
      headers: ['Diversion: <sip:+33142000002@permanence.lab>;reason=no-answer;counter=1'],
      timeoutMs: 30_000,
    });
    const card = app.page.locator('[data-call-state="ringing"]');
    await card.waitFor({ timeout: 10_000 });
    const callId = (await card.getAttribute('data-call-id'))!;
    await app.page.keyboard.press('F9');
    await app.page.locator(`[data-call-id="${callId}"][data-call-state="active"]`).waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => (await pageRtp(app.page, callId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(50);
    await app.page.getByRole('button', { name: 'Mettre en attente' }).click();
    await app.page.getByRole('button', { name: 'Reprendre' }).waitFor({ timeout: 5000 });
    await app.page.getByRole('button', { name: 'Reprendre' }).click();
    await app.page.getByRole('button', { name: 'Mettre en attente' }).waitFor({ timeout: 5000 });
    await app.page.keyboard.press('F10');
    const result = await caller;
    expect(result.code, result.stderr + result.errors + explain()).toBe(0);
    await expect.poll(() => app.harness.services.calls.get(callId).outcome, { timeout: 5000 }).toBe('answered');
    expect(app.harness.services.calls.get(callId).holds).toHaveLength(1);
  }, 60_000);
});
