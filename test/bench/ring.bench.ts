// Ring-to-greeting against the real lab (Kamailio + rtpengine + sipp), and INVITE → 180 Ringing for the app and for
// baresip (a native SIP client) registered to the same Kamailio, in the same run.
// Runs inside the network namespace: npm run bench -- --only=ring. Prints only the report's JSON lines on stdout.
import { openStore } from '../../main/store/open';
import { startLab, requireLabTools, type Lab } from '../lab/lab';
import { parseSippMessages, runSipp, type SippResult } from '../lab/sipp';
import { tempDir } from '../fixtures/factories';
import { CHROMIUM_PATH, hasTool } from '../e2e/support/chromium';
import { BARESIP_PATH, startBaresip } from '../e2e/support/sip-baresip';
import { startSipApp, type SipApp } from '../e2e/support/sip-app';
import { seedFoundation } from './seed';
import { percentile, round } from './stats';

type Report = (name: string, value: number, unit: string) => void;

const FIRMS = 200;
const CALLS = 55;
/** The first calls warm up Chromium, Kamailio and rtpengine; they are not counted. */
const WARMUP = 3;

const log = (line: string) => process.stderr.write(`[ring bench] ${line}\n`);

/** INVITE sent → first 180 received, on sipp's own clock (epoch ms). */
function inviteTo180(result: SippResult): { inviteAt: number; ringingMs: number } | null {
  const trace = parseSippMessages(result.messages);
  const invite = trace.find((m) => m.direction === 'sent' && m.firstLine.startsWith('INVITE'));
  const ringing = trace.find((m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 180'));
  return invite && ringing ? { inviteAt: invite.at, ringingMs: ringing.at - invite.at } : null;
}

/** The caller rings for a moment, then gives up (CANCEL): the same scenario for the app and for baresip. */
function ringOnce(lab: Lab, service: string, headers: string[]): Promise<SippResult> {
  return runSipp({
    scenario: 'uac-cancel-before-answer.xml',
    target: lab.sipTarget,
    service,
    headers,
    globals: { ring_ms: 400 },
    timeoutMs: 15_000,
  });
}

async function measureApp(lab: Lab, app: SipApp) {
  const greeting: number[] = [];
  const ringing: number[] = [];
  for (let i = 0; i < CALLS; i += 1) {
    const f = (i * 37) % FIRMS;
    const number = `+3319900${String(1000 + f).padStart(4, '0')}`;
    const caller = ringOnce(lab, `06${String(10_000_000 + i).slice(-8)}`, [
      `Diversion: <sip:${number}@${lab.domain}>;reason=no-answer;counter=1`,
    ]);
    const card = app.page.locator('[data-call-state="ringing"]');
    await card.waitFor({ timeout: 10_000 });
    // The stamp is the paint time itself: how fast we poll for it does not change the figure.
    let paintedAt = 0;
    for (let tries = 0; tries < 500 && !paintedAt; tries += 1) {
      paintedAt = Number((await card.getAttribute('data-painted-at')) ?? 0);
      if (!paintedAt) await new Promise((r) => setTimeout(r, 10));
    }
    const painted = { at: paintedAt, greeting: (await card.locator('[data-testid="greeting"]').textContent()) ?? '' };
    const result = await caller;
    await card.waitFor({ state: 'detached', timeout: 10_000 });
    const timing = inviteTo180(result);
    if (result.code !== 0 || !timing) {
      log(`app call ${i}: sipp ${result.code} ${result.errors.slice(-300)}`);
      continue;
    }
    if (!painted.at) throw new Error(`call ${i}: the card was never stamped data-painted-at`);
    if (painted.greeting !== `Cabinet ${f}, bonjour.`)
      throw new Error(`call ${i}: wrong greeting "${painted.greeting}"`);
    if (i < WARMUP) continue;
    greeting.push(painted.at - timing.inviteAt);
    ringing.push(timing.ringingMs);
  }
  return { greeting, ringing };
}

async function measureBaresip(lab: Lab) {
  const baresip = await startBaresip(lab, 'bob', { answer: 'manual' });
  const ringing: number[] = [];
  try {
    for (let i = 0; i < CALLS; i += 1) {
      const result = await ringOnce(lab, 'bob', []);
      const timing = inviteTo180(result);
      if (result.code !== 0 || !timing) {
        log(`baresip call ${i}: sipp ${result.code} ${result.errors.slice(-300)}`);
        continue;
      }
      if (i >= WARMUP) ringing.push(timing.ringingMs);
    }
  } finally {
    await baresip.stop();
  }
  return ringing;
}

// The ten-year seed is not used: this bench seeds its own 200 firms / 50k contacts on a fresh data dir.
export async function run(report: Report, _options: { seedDir?: string } = {}): Promise<void> {
  if (!(hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools() && hasTool(BARESIP_PATH, 'baresip'))) return;
  const dataDir = tempDir('permanence-bench-ring-');
  const db = openStore({ dataDir });
  seedFoundation(db, { firms: FIRMS, contacts: 50_000, calls: 0, years: 1 });
  db.close();

  const lab = await startLab({ fallbackUser: 'alice' });
  let app: SipApp | null = null;
  try {
    app = await startSipApp(lab, (h) => h.services.settings.update({ workspaceInitialisedAt: Date.now() }), {
      dataDir,
    });
    const fromApp = await measureApp(lab, app);
    const fromBaresip = await measureBaresip(lab);
    log(`app: ${fromApp.greeting.length} calls measured, baresip: ${fromBaresip.length}`);
    if (fromApp.greeting.length < 50 || fromBaresip.length < 50) throw new Error('fewer than 50 calls measured');
    report('ring.to_greeting.p50', round(percentile(fromApp.greeting, 50)), 'ms');
    report('ring.to_greeting.p95', round(percentile(fromApp.greeting, 95)), 'ms');
    const appP95 = percentile(fromApp.ringing, 95);
    const baresipP95 = percentile(fromBaresip, 95);
    report('ring.invite_to_180.app.p50', round(percentile(fromApp.ringing, 50)), 'ms');
    report('ring.invite_to_180.app.p95', round(appP95), 'ms');
    report('ring.invite_to_180.baresip.p50', round(percentile(fromBaresip, 50)), 'ms');
    report('ring.invite_to_180.baresip.p95', round(baresipP95), 'ms');
    report('ring.invite_to_180.ratio_p95', round(appP95 / baresipP95), 'x');
  } finally {
    await app?.close();
    await lab.stop();
  }
}
