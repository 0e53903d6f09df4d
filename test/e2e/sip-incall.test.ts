// In-call features of the app against real SIP software (Kamailio + rtpengine + sipp), Chromium through the
// harness: DTMF and RTP counted at the far end, a second call during a call, Kamailio restarted mid-session,
// 30 calls in a row without a leak.
// Run inside a network namespace: bash scripts/with-netns.sh npx vitest run test/e2e/sip-incall.test.ts
import { findFreePort, requireLabTools, startLab, type Lab } from '../lab/lab';
import { startRtpProbe } from '../lab/rtp-probe';
import { parseSippMessages, runSipp, startSippUas, type SippResult } from '../lab/sipp';
import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { screenshotPath } from './support/harness';
import {
  explainFailure,
  addFirm,
  COUNT_PEER_CONNECTIONS,
  pageRtp,
  peerConnections,
  phoneState,
  startSipApp,
  type SipApp,
} from './support/sip-app';

const ready = hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools();

const MARTIN = 'Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1';
const DUPONT = 'Diversion: <sip:+33142000002@permanence.lab>;reason=user-busy;counter=1';

describe.skipIf(!ready)('softphone in call, against the SIP lab', () => {
  let lab: Lab;
  let app: SipApp;
  let uasPort: number;

  beforeAll(async () => {
    uasPort = await findFreePort('udp');
    lab = await startLab({ fallbackUser: 'alice', staticRoutes: [{ prefix: '9', port: uasPort }] });
    app = await startSipApp(
      lab,
      (h) => {
        addFirm(h, 'Cabinet Martin', '01 42 00 00 01');
        addFirm(h, 'Plomberie Dupont', '01 42 00 00 02');
      },
      { initScript: COUNT_PEER_CONNECTIONS },
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await lab?.stop();
  });

  const explain = (result?: SippResult) => explainFailure(app, result);

  /** An outside caller through Kamailio that waits for the app's BYE (answers hold re-INVITEs meanwhile). */
  function caller(service: string, headers: string[]) {
    return runSipp({
      scenario: 'uac-forwarded-call-wait-bye.xml',
      target: lab.sipTarget,
      service,
      headers,
      timeoutMs: 40_000,
    });
  }

  async function ringingCard(): Promise<string> {
    const card = app.page.locator('[data-call-state="ringing"]').last();
    await card.waitFor({ timeout: 10_000 });
    return (await card.getAttribute('data-call-id'))!;
  }

  async function activeCard(callId: string) {
    await app.page
      .locator(`[data-call-id="${callId}"][data-call-state="active"]`)
      .waitFor({ timeout: 10_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\n${JSON.stringify(await phoneState(app.page))}\n${explain()}`);
      });
  }

  it('sends DTMF typed on the keyboard as RFC 4733 events that the far end decodes, with RTP counted there', async () => {
    const probe = await startRtpProbe({ echo: true });
    const uas = await startSippUas({
      port: uasPort,
      rtpEcho: false,
      vars: { rtp_port: probe.port, uas_user: 'bob' },
      timeoutMs: 40_000,
    });
    try {
      await app.page.evaluate(() => window.__permanencePhone!.calls.call('9001'));
      const card = app.page.locator('[data-call-state="active"]');
      await card.waitFor({ timeout: 10_000 });
      const callId = (await card.getAttribute('data-call-id'))!;
      // Audio that reached the far end, counted by the far end itself (not the page's own stats).
      const heard = await probe.waitFor((s) => s.packets > 50, 10_000);
      expect(heard.packets, explain()).toBeGreaterThan(50);
      expect((await pageRtp(app.page, callId)).inboundPackets).toBeGreaterThan(0);

      await app.page.locator('body').click({ position: { x: 5, y: 5 } });
      for (const key of ['1', '9', '#', '0']) await app.page.keyboard.press(key);
      const digits = await probe.waitFor((s) => s.digits.length >= 4, 10_000).catch(() => probe.stats());
      expect(digits.digits, explain()).toBe('19#0');
      const dtmfPt = Object.keys(digits.byPayloadType)
        .map(Number)
        .filter((pt) => pt >= 96);
      expect(dtmfPt.length).toBeGreaterThan(0);
      await app.page.keyboard.press('F10');
      const result = await uas.done;
      expect(result.code, explain(result)).toBe(0);
      expect(result.messages).toMatch(/^BYE /m);
      await expect.poll(() => app.harness.services.calls.get(callId).outcome, { timeout: 5000 }).toBe('answered');
      console.info(`[lab figures] far end received ${probe.stats().packets} RTP packets`, probe.stats().byPayloadType);
    } finally {
      await uas.stop();
      await probe.close();
    }
  }, 60_000);

  it('shows a second call with its own firm while in a call; answering it holds the first (re-INVITE sendonly)', async () => {
    const first = caller('0600000101', [MARTIN]);
    const firstId = await ringingCard();
    await app.page.keyboard.press('F9');
    await activeCard(firstId);
    await expect
      .poll(async () => (await pageRtp(app.page, firstId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(20);

    const second = caller('0600000102', [DUPONT]);
    const waiting = app.page.locator('[data-call-state="ringing"]');
    await waiting.waitFor({ timeout: 10_000 });
    const secondId = (await waiting.getAttribute('data-call-id'))!;
    expect(secondId).not.toBe(firstId);
    expect(await waiting.locator('[data-testid="greeting"]').textContent()).toBe('Plomberie Dupont, bonjour.');
    // The first call is still there, active, with its own firm.
    expect(await app.page.locator(`[data-call-id="${firstId}"] [data-testid="greeting"]`).textContent()).toBe(
      'Cabinet Martin, bonjour.',
    );
    await app.page.screenshot({ path: screenshotPath('sip-call-waiting') });

    await waiting.getByRole('button', { name: 'Décrocher (F9)' }).click();
    await activeCard(secondId);
    await expect
      .poll(
        () =>
          app.page.evaluate(
            (id) => window.__permanencePhone!.store.getState().calls.find((c) => c.id === id)?.held,
            firstId,
          ),
        {
          timeout: 10_000,
        },
      )
      .toBe(true);
    await expect
      .poll(async () => (await pageRtp(app.page, secondId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(20);

    // Hang up both from the app (the focused one first, then the held one).
    await app.page.evaluate(
      async ([a, b]) => {
        await window.__permanencePhone!.calls.hangup(b!);
        await window.__permanencePhone!.calls.hangup(a!);
      },
      [firstId, secondId],
    );
    const [r1, r2] = await Promise.all([first, second]);
    expect(r1.code, explain(r1)).toBe(0);
    expect(r2.code, explain(r2)).toBe(0);
    // The first caller received the hold re-INVITE (sendonly or inactive) after its call was set up.
    const reinvites = parseSippMessages(r1.messages).filter(
      (m) => m.direction === 'received' && m.firstLine.startsWith('INVITE'),
    );
    expect(reinvites.length, r1.messages.slice(-3000)).toBeGreaterThan(0);
    expect(reinvites[0]!.text).toMatch(/a=(sendonly|inactive)/);
    expect(
      parseSippMessages(r2.messages).some((m) => m.direction === 'received' && m.firstLine.startsWith('INVITE')),
    ).toBe(false);
    await expect.poll(() => app.harness.services.calls.get(firstId).holds.length, { timeout: 5000 }).toBe(1);
  }, 90_000);

  it('re-registers by itself after Kamailio restarts, and the next call rings', async () => {
    await lab.restartKamailio({ downMs: 1500 });
    // The WebSocket dropped: the line leaves "registered", then comes back without any action.
    await app.page.locator('[data-line-state="registered"]').waitFor({ state: 'detached', timeout: 10_000 });
    await app.page
      .locator('[data-line-state="registered"]')
      .waitFor({ timeout: 45_000 })
      .catch(async (e: Error) => {
        const line = await app.page.evaluate(() => window.__permanencePhone!.store.getState().line);
        throw new Error(`${e.message}\n${JSON.stringify(line)}\n${app.console.slice(-40).join('\n')}`);
      });
    const call = runSipp({
      scenario: 'uac-cancel-before-answer.xml',
      target: lab.sipTarget,
      service: '0600000103',
      headers: [MARTIN],
      globals: { ring_ms: 1500 },
      timeoutMs: 15_000,
    });
    const greeting = app.page.locator('[data-call-state="ringing"] [data-testid="greeting"]');
    await greeting.waitFor({ timeout: 10_000 });
    expect(await greeting.textContent()).toBe('Cabinet Martin, bonjour.');
    const result = await call;
    expect(result.code, explain(result)).toBe(0);
  }, 90_000);

  it('takes 30 calls in a row without a leak or a stuck state', async () => {
    // Earlier tests' ended cards leave the store after a few seconds.
    await expect.poll(async () => (await phoneState(app.page)).calls, { timeout: 10_000 }).toBe(0);
    const before = app.harness.services.calls.list({ limit: 500, offset: 0 }).total;
    const pcBefore = await peerConnections(app.page);
    const ids: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const sipp = caller(`06000002${String(i).padStart(2, '0')}`, [i % 2 ? MARTIN : DUPONT]);
      const id = await ringingCard();
      ids.push(id);
      await app.page.keyboard.press('F9');
      await activeCard(id);
      await expect
        .poll(async () => (await pageRtp(app.page, id)).inboundPackets, { timeout: 10_000 })
        .toBeGreaterThan(0);
      await app.page.keyboard.press('F10');
      const result = await sipp;
      expect(result.code, `call ${i + 1}: ${explain(result)}`).toBe(0);
      await app.page.locator(`[data-call-id="${id}"][data-call-state="ended"]`).waitFor({ timeout: 10_000 });
    }
    expect(new Set(ids).size).toBe(30);
    // Ended cards leave the store after their closing state; nothing may stay live or keep a session.
    await expect.poll(async () => (await phoneState(app.page)).calls, { timeout: 15_000 }).toBe(0);
    const state = await phoneState(app.page);
    expect(state).toMatchObject({ live: 0, sessions: 0, line: 'registered' });
    const pcs = await peerConnections(app.page);
    expect(pcs.created - pcBefore.created).toBe(30);
    expect(pcs.open, JSON.stringify(pcs)).toBe(0);
    await expect
      .poll(() => app.harness.services.calls.list({ limit: 500, offset: 0 }).total, { timeout: 5000 })
      .toBe(before + 30);
    await expect
      .poll(() => ids.map((id) => app.harness.services.calls.get(id).outcome).filter((o) => o === 'answered').length, {
        timeout: 5000,
      })
      .toBe(30);
    expect(await app.page.locator('[data-line-state="registered"]').count()).toBe(1);
  }, 300_000);
});
