// Ring-to-greeting against the real lab (Kamailio + rtpengine + sipp), and INVITE → 180 Ringing for the app and for
// baresip (a native SIP client) registered to the same Kamailio, in the same run.
// Runs inside the network namespace: npm run bench -- --only=ring. Prints only the report's JSON lines on stdout;
// RING_BENCH_RAW=1 also logs every call's figures per hop on stderr.
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
function inviteTo180(
  result: SippResult,
): { inviteAt: number; ringingAt: number; ringingMs: number; callId: string } | null {
  const trace = parseSippMessages(result.messages);
  const invite = trace.find((m) => m.direction === 'sent' && m.firstLine.startsWith('INVITE'));
  const ringing = trace.find((m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 180'));
  const callId = /^Call-ID:\s*(\S+)/im.exec(invite?.text ?? '')?.[1] ?? '';
  return invite && ringing
    ? { inviteAt: invite.at, ringingAt: ringing.at, ringingMs: ringing.at - invite.at, callId }
    : null;
}

/** Kamailio's own stamps per Call-ID (epoch ms): INVITE in, rtpengine offer done, 180 in from the callee. */
function kamailioStamps(log: string) {
  const stamps = new Map<string, { req?: number; offered?: number; ringing?: number }>();
  for (const m of log.matchAll(/(REQ INVITE|OFFERED INVITE|REPLY 180) .*?cid=(\S+).* t=(\d+\.\d+)/g)) {
    const entry = stamps.get(m[2]!) ?? {};
    const at = Number(m[3]) * 1000;
    if (m[1] === 'REQ INVITE') entry.req ??= at;
    else if (m[1] === 'OFFERED INVITE') entry.offered ??= at;
    else entry.ringing ??= at;
    stamps.set(m[2]!, entry);
  }
  return stamps;
}

type CallTiming = NonNullable<ReturnType<typeof inviteTo180>>;
type Hops = Record<string, number[]>;

/**
 * Where INVITE → 180 goes, per call, on one clock: sipp → Kamailio, Kamailio's work (rtpengine offer included),
 * Kamailio → the client and back (split at the page's WebSocket when there is one), Kamailio → sipp.
 */
function hopsOf(
  timings: CallTiming[],
  kamailio: ReturnType<typeof kamailioStamps>,
  page: Record<string, { received?: number; sent?: number }>,
): Hops {
  const hops: Hops = {};
  const add = (name: string, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value)) (hops[name] ??= []).push(value);
  };
  for (const t of timings) {
    const k = kamailio.get(t.callId);
    if (!k?.req || !k.offered || !k.ringing) continue;
    add('sipp_to_kamailio', k.req - t.inviteAt);
    add('kamailio_with_rtpengine', k.offered - k.req);
    add('client_round_trip', k.ringing - k.offered);
    const p = page[t.callId];
    if (p?.received && p.sent) {
      add('kamailio_to_page', p.received - k.offered);
      add('page_invite_to_180', p.sent - p.received);
      add('page_to_kamailio', k.ringing - p.sent);
    }
    add('kamailio_to_sipp', t.ringingAt - k.ringing);
  }
  return hops;
}

interface Paint {
  at: number;
  greeting: string;
}

/** Init script: records each ring card's first paint (its data-painted-at stamp) and its greeting, in order. */
const PAINT_RECORDER = `(() => {
  const paints = (window.__paints = []);
  new MutationObserver((records) => {
    for (const record of records) {
      const card = record.target;
      if (!card.dataset || !card.dataset.paintedAt) continue;
      const greeting = card.querySelector('[data-testid="greeting"]');
      paints.push({ at: Number(card.dataset.paintedAt), greeting: greeting ? greeting.textContent : '' });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-painted-at'] });
})();`;

/** Init script: stamps (epoch ms) the INVITEs the page receives and the 180s it sends on the SIP WebSocket. */
const WS_STAMPS = `(() => {
  const Native = window.WebSocket;
  const stamps = (window.__wsStamps = {});
  const callId = (text) => (/^Call-ID:\\s*(\\S+)/im.exec(text) || [])[1];
  class Stamped extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.startsWith('INVITE ')) {
          const id = callId(e.data);
          if (id && !stamps[id]) stamps[id] = { received: performance.timeOrigin + performance.now() };
        }
      });
    }
    send(data) {
      if (typeof data === 'string' && data.startsWith('SIP/2.0 180')) {
        const entry = stamps[callId(data)];
        if (entry && !entry.sent) entry.sent = performance.timeOrigin + performance.now();
      }
      return super.send(data);
    }
  }
  window.WebSocket = Stamped;
})();`;

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
  const timings: CallTiming[] = [];
  for (let i = 0; i < CALLS; i += 1) {
    const f = (i * 37) % FIRMS;
    const number = `+3319900${String(1000 + f).padStart(4, '0')}`;
    const seen = await app.page.evaluate(() => (window as unknown as { __paints: Paint[] }).__paints.length);
    const caller = ringOnce(lab, `06${String(10_000_000 + i).slice(-8)}`, [
      `Diversion: <sip:${number}@${lab.domain}>;reason=no-answer;counter=1`,
    ]);
    // Nothing talks to the page while it rings (a test driver polling over CDP would compete with sip.js on the
    // page's main thread): the paint is recorded in the page and read once the caller has hung up.
    const result = await caller;
    const painted = await app.page
      .waitForFunction((n) => (window as unknown as { __paints: Paint[] }).__paints[n], seen, { timeout: 10_000 })
      .then((handle) => handle.jsonValue() as Promise<Paint>);
    await app.page.locator('[data-call-state="ringing"]').waitFor({ state: 'detached', timeout: 10_000 });
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
    timings.push(timing);
  }
  const pageStamps = await app.page.evaluate(
    () => (window as unknown as { __wsStamps: Record<string, { received?: number; sent?: number }> }).__wsStamps,
  );
  return { greeting, ringing, hops: hopsOf(timings, kamailioStamps(lab.logs().kamailio), pageStamps) };
}

async function measureBaresip(lab: Lab) {
  const baresip = await startBaresip(lab, 'bob', { answer: 'manual' });
  const ringing: number[] = [];
  const timings: CallTiming[] = [];
  try {
    for (let i = 0; i < CALLS; i += 1) {
      const result = await ringOnce(lab, 'bob', []);
      const timing = inviteTo180(result);
      if (result.code !== 0 || !timing) {
        log(`baresip call ${i}: sipp ${result.code} ${result.errors.slice(-300)}`);
        continue;
      }
      if (i < WARMUP) continue;
      ringing.push(timing.ringingMs);
      timings.push(timing);
    }
  } finally {
    await baresip.stop();
  }
  return { ringing, hops: hopsOf(timings, kamailioStamps(lab.logs().kamailio), {}) };
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
      initScript: WS_STAMPS + PAINT_RECORDER,
    });
    const fromApp = await measureApp(lab, app);
    const fromBaresip = await measureBaresip(lab);
    for (const [who, hops] of [
      ['app', fromApp.hops],
      ['baresip', fromBaresip.hops],
    ] as const)
      for (const [hop, values] of Object.entries(hops)) {
        report(`ring.invite_to_180.${who}.hop.${hop}.p50`, round(percentile(values, 50)), 'ms');
        report(`ring.invite_to_180.${who}.hop.${hop}.p95`, round(percentile(values, 95)), 'ms');
      }
    if (process.env.RING_BENCH_RAW)
      log(`raw ${JSON.stringify({ greeting: fromApp.greeting, app: fromApp.hops, baresip: fromBaresip.hops })}`);
    log(`app: ${fromApp.greeting.length} calls measured, baresip: ${fromBaresip.ringing.length}`);
    if (fromApp.greeting.length < 50 || fromBaresip.ringing.length < 50)
      throw new Error('fewer than 50 calls measured');
    report('ring.to_greeting.p50', round(percentile(fromApp.greeting, 50)), 'ms');
    report('ring.to_greeting.p95', round(percentile(fromApp.greeting, 95)), 'ms');
    const appP95 = percentile(fromApp.ringing, 95);
    const baresipP95 = percentile(fromBaresip.ringing, 95);
    report('ring.invite_to_180.app.p50', round(percentile(fromApp.ringing, 50)), 'ms');
    report('ring.invite_to_180.app.p95', round(appP95), 'ms');
    report('ring.invite_to_180.baresip.p50', round(percentile(fromBaresip.ringing, 50)), 'ms');
    report('ring.invite_to_180.baresip.p95', round(baresipP95), 'ms');
    report('ring.invite_to_180.ratio_p95', round(appP95 / baresipP95), 'x');
  } finally {
    await app?.close();
    await lab.stop();
  }
}
