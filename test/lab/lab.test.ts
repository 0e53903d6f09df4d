// Smoke tests of the SIP lab itself, without the app: if these fail, the app's E2E tests cannot
// be trusted. Run inside the namespace: bash scripts/with-netns.sh npx vitest run test/lab
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, findFreePort, requireLabTools, requireChromium, type Lab } from './lab';
import { runSipp, startSippUas, registerWithSipp, parseSippMessages, type SippResult } from './sipp';
import { startRtpProbe } from './rtp-probe';
import { startProbeServer, type ProbeServer } from './browser-probe/server';
import { launchLabBrowser, type LabBrowser } from './browser-probe/browser';
import type { Probe, RtpCounts } from './browser-probe/probe';

const toolsOk = requireLabTools();
const chromiumOk = toolsOk && requireChromium();

/** Figures for the report; printed, never asserted (no timing asserts in tests). */
function report(name: string, figures: Record<string, unknown>) {
  console.log(`[lab figures] ${name} ${JSON.stringify(figures)}`);
}

function explain(r: SippResult): string {
  return `sipp exit ${r.code} (timedOut=${r.timedOut})\n${r.errors}\n${r.stderr.slice(-2000)}\ntrace: ${r.traceDir}`;
}

describe.skipIf(!toolsOk)('SIP lab: Kamailio + rtpengine + sipp', () => {
  let lab: Lab;
  let uasPort: number;

  beforeAll(async () => {
    uasPort = await findFreePort('udp');
    lab = await startLab({ staticRoutes: [{ prefix: '9', port: uasPort }] });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('registers a sipp UAS with digest auth and completes a call to it through Kamailio', async () => {
    const reg = await registerWithSipp({ target: lab.sipTarget, user: lab.user('bob'), port: uasPort });
    expect(reg.code, explain(reg)).toBe(0);
    report('sipp REGISTER with digest', { ms: reg.durationMs });

    const uas = await startSippUas({ port: uasPort, vars: { uas_user: 'bob' } });
    const call = await runSipp({
      scenario: 'uac-forwarded-call.xml',
      target: lab.sipTarget,
      service: 'bob',
      headers: ['Diversion: <sip:+33142000001@permanence.lab>;reason=unconditional;counter=1'],
      globals: { talk_ms: 1000 },
    });
    expect(call.code, explain(call)).toBe(0);
    expect(call.stats?.successfulCalls).toBe(1);
    const answered = await uas.done;
    expect(answered.code, explain(answered)).toBe(0);
    // the forwarding header travelled through the proxy untouched
    expect(answered.messages).toContain('Diversion: <sip:+33142000001@permanence.lab>;reason=unconditional');
  }, 30_000);

  it('restartKamailio() forgets the registrations and comes back for new ones', async () => {
    await lab.restartKamailio();
    const orphan = await runSipp({
      scenario: 'uac-forwarded-call.xml',
      target: lab.sipTarget,
      service: 'bob',
      timeoutMs: 5000,
    });
    expect(orphan.code).not.toBe(0);
    expect(orphan.messages).toContain('SIP/2.0 404');
    rmSync(orphan.traceDir, { recursive: true, force: true }); // an expected failure: no trace to keep

    const reg = await registerWithSipp({ target: lab.sipTarget, user: lab.user('bob'), port: uasPort });
    expect(reg.code, explain(reg)).toBe(0);
  }, 30_000);

  it('dials a sipp UAS started after the lab directly with "7" + its port', async () => {
    const uas = await startSippUas({ port: await findFreePort('udp') });
    const call = await runSipp({
      scenario: 'uac-forwarded-call.xml',
      target: lab.sipTarget,
      service: `7${uas.port}`,
      globals: { talk_ms: 500 },
    });
    expect(call.code, explain(call)).toBe(0);
    expect((await uas.done).code).toBe(0);
  }, 30_000);

  it('refuses a REGISTER with a wrong password', async () => {
    const bad = await registerWithSipp({
      target: lab.sipTarget,
      user: { user: 'bob', password: 'wrong' },
      port: await findFreePort('udp'),
      timeoutMs: 4000,
    });
    expect(bad.code).not.toBe(0);
    rmSync(bad.traceDir, { recursive: true, force: true });
  }, 15_000);
});

describe.skipIf(!chromiumOk)('SIP lab: sip.js in Chromium over ws:// with rtpengine media', () => {
  let lab: Lab;
  let uasPort: number;
  let server: ProbeServer;
  let browser: LabBrowser;
  const probe = <K extends keyof Probe>(fn: K, ...args: Parameters<Probe[K]>) =>
    browser.page.evaluate(
      ([f, a]) => (window as unknown as { probe: Record<string, (...x: unknown[]) => unknown> }).probe[f]!(...a),
      [fn, args] as const,
    ) as Promise<Awaited<ReturnType<Probe[K]>>>;
  const waitRtp = async (min: number, timeoutMs: number): Promise<RtpCounts> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await probe('rtp');
      if ((c.inboundPackets > min && c.outboundPackets > min) || Date.now() > deadline) return c;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const waitInvite = (countBefore: number) =>
    browser.page.waitForFunction(
      (n) => (window as unknown as { probe: Probe }).probe.state().invitesAt.length > n,
      countBefore,
      { timeout: 10_000 },
    );
  const waitState = (want: string, timeoutMs: number) =>
    browser.page.waitForFunction(
      (w) => (window as unknown as { probe: Probe }).probe.state().sessionState === w,
      want,
      { timeout: timeoutMs },
    );

  beforeAll(async () => {
    uasPort = await findFreePort('udp');
    lab = await startLab({ staticRoutes: [{ prefix: '9', port: uasPort }] });
    server = await startProbeServer();
    browser = await launchLabBrowser();
    await browser.page.goto(server.url);
    const alice = lab.user('alice');
    const ms = await probe('register', {
      wsUrl: lab.wsUrl,
      domain: lab.domain,
      user: alice.user,
      password: alice.password,
    });
    report('sip.js REGISTER over ws with digest', { ms: Math.round(ms) });
  });
  afterAll(async () => {
    if (browser) await browser.close();
    await server?.close();
    await lab?.stop();
  });

  it('receives a forwarded sipp call, answers it, and RTP flows both ways until the caller hangs up', async () => {
    const invitesBefore = (await probe('state')).invitesAt.length;
    const caller = runSipp({
      scenario: 'uac-forwarded-call.xml',
      target: lab.sipTarget,
      service: 'alice',
      headers: ['Diversion: <sip:+33142000001@permanence.lab>;reason=unconditional;counter=1'],
      globals: { talk_ms: 6000 },
    });
    await waitInvite(invitesBefore);
    await probe('answer');
    const counts = await waitRtp(50, 10_000);
    expect(counts.inboundPackets, browser.console.join('\n')).toBeGreaterThan(50);
    expect(counts.outboundPackets).toBeGreaterThan(50);

    const result = await caller;
    expect(result.code, explain(result)).toBe(0);
    await waitState('Terminated', 5000);

    const trace = parseSippMessages(result.messages);
    const inviteSent = trace.find((m) => m.direction === 'sent' && m.firstLine.startsWith('INVITE'));
    const ringing = trace.find((m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 180'));
    const { invitesAt } = await probe('state');
    report('incoming call', {
      inviteToOnInviteMs: inviteSent ? Math.round(invitesAt[invitesBefore]! - inviteSent.at) : null,
      inviteTo180Ms: inviteSent && ringing ? Math.round((ringing.at - inviteSent.at) * 10) / 10 : null,
      inboundPackets: counts.inboundPackets,
      outboundPackets: counts.outboundPackets,
      audioLevel: counts.audioLevel,
    });
  }, 45_000);

  it('holds and resumes an incoming call, then hangs up from the browser (caller waits for BYE)', async () => {
    const invitesBefore = (await probe('state')).invitesAt.length;
    const caller = runSipp({
      scenario: 'uac-forwarded-call-wait-bye.xml',
      target: lab.sipTarget,
      service: 'alice',
      timeoutMs: 30_000,
    });
    await waitInvite(invitesBefore);
    await probe('answer');
    await waitState('Established', 5000);
    expect(await probe('hold', true)).toMatch(/sendonly|inactive/);
    expect(await probe('hold', false)).toBe('sendrecv');
    const counts = await waitRtp(50, 10_000);
    expect(counts.inboundPackets).toBeGreaterThan(50);
    await probe('hangup');
    const result = await caller;
    expect(result.code, explain(result)).toBe(0);
    expect(result.messages).toMatch(/^BYE /m);
  }, 45_000);

  it('lets the caller give up before the answer: CANCEL, 200, 487, and the session ends', async () => {
    const caller = await runSipp({
      scenario: 'uac-cancel-before-answer.xml',
      target: lab.sipTarget,
      service: 'alice',
      globals: { ring_ms: 500 },
      timeoutMs: 15_000,
    });
    expect(caller.code, explain(caller)).toBe(0);
    expect(caller.messages).toContain('SIP/2.0 487');
    await waitState('Terminated', 5000);
  }, 30_000);

  it('calls a sipp UAS through the 9 prefix, holds and resumes, and its DTMF reaches the far end', async () => {
    const rtp = await startRtpProbe({ echo: true });
    const uas = await startSippUas({ port: uasPort, rtpEcho: false, vars: { rtp_port: rtp.port, uas_user: 'bob' } });
    try {
      await probe('call', 'sip:9001@permanence.lab');
      await waitState('Established', 10_000);
      const counts = await waitRtp(50, 10_000);
      expect(counts.inboundPackets, browser.console.join('\n')).toBeGreaterThan(50);
      expect(counts.outboundPackets).toBeGreaterThan(50);
      expect((await rtp.waitFor((s) => s.packets > 50, 5000)).packets).toBeGreaterThan(50);

      expect(await probe('hold', true)).toMatch(/sendonly|inactive/);
      expect(await probe('hold', false)).toBe('sendrecv');

      await probe('sendDtmf', '19#');
      const heard = await rtp.waitFor((s) => s.digits.length >= 3, 8000);
      expect(heard.digits).toBe('19#');

      await probe('hangup');
      const answered = await uas.done;
      expect(answered.code, explain(answered)).toBe(0);
      report('outgoing call to sipp UAS', { farEndPackets: heard.packets, byPayloadType: heard.byPayloadType });
    } finally {
      await uas.stop();
      await rtp.close();
    }
  }, 60_000);
});
