// Several WebSocket servers: the line fails over to the backup when the primary is unreachable or dies, and calls
// still ring with the right greeting. Two independent labs (Kamailio + rtpengine each) stand for two PBX nodes.
// Run inside a network namespace: bash scripts/with-netns.sh npx vitest run test/e2e/sip-failover.test.ts
import { findFreePort, startLab, requireLabTools, type Lab } from '../lab/lab';
import { runSipp } from '../lab/sipp';
import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { screenshotPath } from './support/harness';
import { addFirm, startSipApp, type SipApp } from './support/sip-app';

const ready = hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools();
const MARTIN = 'Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1';

describe.skipIf(!ready)('WebSocket server failover against two lab PBX nodes', () => {
  let primary: Lab;
  let backup: Lab;
  let app: SipApp | null = null;

  beforeAll(async () => {
    primary = await startLab({ fallbackUser: 'alice' });
    backup = await startLab({ fallbackUser: 'alice' });
  }, 90_000);

  afterEach(async () => {
    await app?.close();
    app = null;
  });

  afterAll(async () => {
    await primary?.stop();
    await backup?.stop();
  });

  const seed: Parameters<typeof startSipApp>[1] = (h) => {
    addFirm(h, 'Cabinet Martin', '01 42 00 00 01');
  };

  const lineOf = (a: SipApp) => a.page.evaluate(() => window.__permanencePhone!.store.getState().line);

  /** A caller through `lab` rings the app: the greeting must show, then the caller gives up. */
  async function ringsThrough(a: SipApp, lab: Lab, service: string) {
    const caller = runSipp({
      scenario: 'uac-cancel-before-answer.xml',
      target: lab.sipTarget,
      service,
      headers: [MARTIN],
      globals: { ring_ms: 1500 },
      timeoutMs: 15_000,
    });
    const greeting = a.page.locator('[data-call-state="ringing"] [data-testid="greeting"]');
    await greeting.waitFor({ timeout: 10_000 });
    expect(await greeting.textContent()).toBe('Cabinet Martin, bonjour.');
    const result = await caller;
    expect(result.code, result.stderr + result.errors).toBe(0);
    await a.page.locator('[data-call-state="ringing"]').waitFor({ state: 'detached', timeout: 10_000 });
  }

  it('registers through the backup when nothing answers on the primary, and says so in the status bar', async () => {
    const nobody = `ws://127.0.0.1:${await findFreePort('tcp')}`;
    app = await startSipApp(backup, seed, { servers: [nobody, backup.wsUrl] });
    const status = app.page.locator('[data-line-state="registered"]');
    expect(await status.getAttribute('data-line-server')).toBe(backup.wsUrl);
    expect(await status.textContent()).toContain(`via le serveur de secours 127.0.0.1:${backup.wsPort}`);
    await app.page.screenshot({ path: screenshotPath('sip-failover-backup') });
    await ringsThrough(app, backup, '0600000201');
  }, 90_000);

  it('moves to the backup by itself when the primary dies mid-session; the next call rings through it', async () => {
    app = await startSipApp(primary, seed, { servers: [primary.wsUrl, backup.wsUrl] });
    expect(await lineOf(app)).toMatchObject({ state: 'registered', server: primary.wsUrl, serverIndex: 0 });
    await ringsThrough(app, primary, '0600000202');

    await primary.stop();
    await app.page.locator(`[data-line-server="${backup.wsUrl}"][data-line-state="registered"]`).waitFor({
      timeout: 30_000,
    });
    expect(await lineOf(app)).toMatchObject({ state: 'registered', serverIndex: 1, serverCount: 2 });
    await ringsThrough(app, backup, '0600000203');
    const outcomes = () => app!.harness.services.calls.list({ limit: 10, offset: 0 }).items.map((c) => c.outcome);
    await expect.poll(outcomes, { timeout: 5000 }).toEqual(['missed', 'missed']);
  }, 120_000);
});
