// What the far end sees of the app's own choices, against real SIP software (Kamailio + rtpengine + sipp), Chromium
// through the harness: the firm's number presented on outgoing calls (P-Asserted-Identity, or From where the PBX
// allows it) and « Pause » refusing incoming calls with 486.
// Run inside a network namespace: bash scripts/with-netns.sh npx vitest run test/e2e/sip-presentation-dnd.test.ts
import { findFreePort, requireLabTools, startLab, type Lab } from '../lab/lab';
import { parseSippMessages, runSipp, startSippUas, type SippResult } from '../lab/sipp';
import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { screenshotPath } from './support/harness';
import { explainFailure, addFirm, startSipApp, type SipApp } from './support/sip-app';

const ready = hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools();

describe.skipIf(!ready)('caller-ID presentation and pause, against the SIP lab', () => {
  let lab: Lab;
  let app: SipApp;
  let uasPort: number;
  const firms: Record<'martin' | 'dupont', string> = { martin: '', dupont: '' };

  beforeAll(async () => {
    uasPort = await findFreePort('udp');
    // This PBX lets the account present another number in From (most only accept P-Asserted-Identity).
    lab = await startLab({
      fallbackUser: 'alice',
      staticRoutes: [{ prefix: '9', port: uasPort }],
      allowFromUser: true,
    });
    app = await startSipApp(lab, (h) => {
      firms.martin = addFirm(h, 'Cabinet Martin', '01 42 00 00 01');
      firms.dupont = addFirm(h, 'Plomberie Dupont', '01 42 00 00 02');
      h.services.sipAccount.setCallerId(firms.martin, { mode: 'p-asserted-identity', number: '+33142000001' });
      h.services.sipAccount.setCallerId(firms.dupont, { mode: 'from-user', number: '+33142000002' });
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await lab?.stop();
  });

  const explain = (result?: SippResult) => explainFailure(app, result);

  /** Calls `number` for `firmId` from the app; the sipp UAS answers; the app hangs up. Returns the INVITE sipp got. */
  async function callFor(firmId: string, number: string): Promise<string> {
    const uas = await startSippUas({ port: uasPort, vars: { uas_user: 'bob' }, timeoutMs: 30_000 });
    try {
      await app.page.evaluate(([n, f]) => window.__permanencePhone!.calls.call(n!, f!), [number, firmId]);
      const card = app.page.locator('[data-call-state="active"]');
      await card.waitFor({ timeout: 10_000 });
      await app.page.keyboard.press('F10');
      const result = await uas.done;
      expect(result.code, explain(result)).toBe(0);
      const invite = parseSippMessages(result.messages).find(
        (m) => m.direction === 'received' && m.firstLine.startsWith('INVITE'),
      );
      expect(invite, explain(result)).toBeDefined();
      return invite!.text;
    } finally {
      await uas.stop();
    }
  }

  it('presents the firm’s number in P-Asserted-Identity, From staying the account’s own', async () => {
    const invite = await callFor(firms.martin, '9001');
    expect(invite).toMatch(/^P-Asserted-Identity: <sip:\+33142000001@permanence\.lab>/m);
    expect(invite).toMatch(/^From: .*<sip:alice@permanence\.lab>/m);
  }, 60_000);

  it('presents the firm’s number as the From user where the PBX allows it', async () => {
    const invite = await callFor(firms.dupont, '9002');
    expect(invite).toMatch(/^From: .*<sip:\+33142000002@permanence\.lab>/m);
    expect(invite).not.toMatch(/^P-Asserted-Identity:/m);
  }, 60_000);

  it('refuses calls with 486 while paused, logs them as declined, and rings again once resumed', async () => {
    await app.page.getByRole('button', { name: 'Pause' }).click();
    await app.page.getByRole('button', { name: 'En pause — reprendre' }).waitFor();
    await app.page.screenshot({ path: screenshotPath('sip-paused') });
    const busy = await runSipp({
      scenario: 'uac-expect-busy.xml',
      target: lab.sipTarget,
      service: '0600000301',
      headers: ['Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1'],
      timeoutMs: 15_000,
    });
    expect(busy.code, explain(busy)).toBe(0);
    expect(await app.page.locator('[data-call-state="ringing"]').count()).toBe(0);
    const latest = () => app.harness.services.calls.list({ limit: 1, offset: 0 }).items[0];
    await expect.poll(() => latest()?.outcome, { timeout: 5000 }).toBe('declined');
    expect(latest()).toMatchObject({ firmId: firms.martin });

    await app.page.getByRole('button', { name: 'En pause — reprendre' }).click();
    const caller = runSipp({
      scenario: 'uac-cancel-before-answer.xml',
      target: lab.sipTarget,
      service: '0600000302',
      headers: ['Diversion: <sip:+33142000002@permanence.lab>;reason=no-answer;counter=1'],
      globals: { ring_ms: 1500 },
      timeoutMs: 15_000,
    });
    const greeting = app.page.locator('[data-call-state="ringing"] [data-testid="greeting"]');
    await greeting.waitFor({ timeout: 10_000 });
    expect(await greeting.textContent()).toBe('Plomberie Dupont, bonjour.');
    expect((await caller).code).toBe(0);
  }, 60_000);
});
