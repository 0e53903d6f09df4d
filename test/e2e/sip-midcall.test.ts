// Mid-call behaviours of the app against real SIP software (Kamailio + rtpengine + sipp), Chromium through the
// harness: DTMF as SIP INFO, a session-timer refresh re-INVITE from the far end, hold from the far end, and our
// own hold refused by the far end (491 glare retried after RFC 3261's 2.1–4 s; 488 kept truthfully not held).
// The app's account sends DTMF as SIP INFO; the remote-hold scenario also uses one INFO as the test's go-ahead.
// Run inside a network namespace: bash scripts/with-netns.sh npx vitest run test/e2e/sip-midcall.test.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireLabTools, startLab, type Lab } from '../lab/lab';
import { parseSippMessages, runSipp, type SippResult, type TracedMessage } from '../lab/sipp';
import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { screenshotPath } from './support/harness';
import { explainFailure, addFirm, pageRtp, phoneState, startSipApp, type SipApp } from './support/sip-app';

const ready = hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools();

const MARTIN = 'Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1';

/** A CSeq header's method and number, e.g. "2 INVITE". */
const cseqOf = (m: TracedMessage) => /^CSeq:\s*(\d+\s+\w+)/im.exec(m.text)?.[1]?.replace(/\s+/, ' ') ?? '';
const bodyOf = (m: TracedMessage) =>
  m.text
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n');

describe.skipIf(!ready)('softphone mid-call, against the SIP lab', () => {
  let lab: Lab;
  let app: SipApp;

  beforeAll(async () => {
    lab = await startLab({ fallbackUser: 'alice' });
    app = await startSipApp(lab, (h) => addFirm(h, 'Cabinet Martin', '01 42 00 00 01'), {
      account: { dtmfMode: 'info' },
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await lab?.stop();
  });

  const explain = (result?: SippResult) => explainFailure(app, result);

  /**
   * An outside caller through Kamailio, with its -trace_msg in a directory we own so the test can follow what
   * the far end has sent and received while the call is still up.
   */
  function caller(
    scenario: string,
    service: string,
    extra: { globals?: Record<string, number>; vars?: Record<string, string> } = {},
  ) {
    const traceDir = mkdtempSync(join(tmpdir(), 'sipp-midcall-'));
    const done = runSipp({
      scenario,
      target: lab.sipTarget,
      service,
      headers: [MARTIN],
      traceDir,
      timeoutMs: 40_000,
      ...extra,
    });
    const trace = () => {
      try {
        return parseSippMessages(readFileSync(join(traceDir, 'messages.log'), 'utf8'));
      } catch {
        return [];
      }
    };
    /** Waits (bounded) until the far end's trace satisfies `pred`, and returns the trace. */
    const waitTrace = async (what: string, pred: (t: TracedMessage[]) => boolean, timeout = 15_000) => {
      await expect.poll(() => pred(trace()), { timeout, message: what }).toBe(true);
      return trace();
    };
    return {
      done,
      trace,
      waitTrace,
      /** The trace dir is kept on failure (for reading); removed after a passing test. */
      cleanup: () => rmSync(traceDir, { recursive: true, force: true }),
    };
  }

  /** After each case, even a failed one: no call left up in the app, the far end's sipp ended. */
  async function endCalls(far: { done: Promise<SippResult> }) {
    await app.page.evaluate(async () => {
      const phone = window.__permanencePhone!;
      for (const c of phone.store.getState().calls) if (c.state !== 'ended') await phone.calls.hangup(c.id);
    });
    await far.done;
  }

  /** Answers the ringing call with F9 and waits for audio from the far end in the page. */
  async function answer(): Promise<string> {
    const ringing = app.page.locator('[data-call-state="ringing"]').last();
    await ringing.waitFor({ timeout: 10_000 });
    const id = (await ringing.getAttribute('data-call-id'))!;
    await app.page.keyboard.press('F9');
    await app.page
      .locator(`[data-call-id="${id}"][data-call-state="active"]`)
      .waitFor({ timeout: 10_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message}\n${JSON.stringify(await phoneState(app.page))}\n${explain()}`);
      });
    await expect
      .poll(async () => (await pageRtp(app.page, id)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(20);
    return id;
  }

  const callView = (id: string) =>
    app.page.evaluate((callId) => window.__permanencePhone!.store.getState().calls.find((c) => c.id === callId), id);
  /** The card's state line, e.g. "En communication · en attente". */
  const header = async (id: string) =>
    (await app.page.locator(`[data-call-id="${id}"] .phone-card__direction`).textContent()) ?? '';
  /** The card's remote-hold notice ("Mis en attente par le correspondant : …"), '' when there is none. */
  const remoteHoldNotice = async (id: string) => {
    const notice = app.page.locator(`[data-call-id="${id}"] [data-testid="remote-hold"]`);
    return (await notice.count()) ? ((await notice.textContent()) ?? '').toLowerCase() : '';
  };
  const alerts = (id: string) => app.page.locator(`[data-call-id="${id}"] [role="alert"]`);
  const button = (id: string, name: string) =>
    app.page.locator(`[data-call-id="${id}"]`).getByRole('button', { name, exact: true });

  /** Waits until the page received `more` RTP packets beyond what it had: audio still flows. */
  async function expectRtpFlowing(id: string, more = 25) {
    const before = await pageRtp(app.page, id);
    await expect
      .poll(async () => (await pageRtp(app.page, id)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(before.inboundPackets + more);
    return before;
  }

  it('sends DTMF typed on the keyboard as SIP INFO (application/dtmf-relay) that the far end receives in order', async () => {
    const far = caller('uac-forwarded-call-wait-bye.xml', '0600000301');
    try {
      const id = await answer();
      await app.page.locator('body').click({ position: { x: 5, y: 5 } });
      // At a person's pace: sipp's scenario is one state machine and takes an INFO that lands while it is still
      // answering the previous one as unexpected (it then aborts the call), which happened under CI load.
      for (const key of ['1', '9', '#', '0', '*', '5']) {
        await app.page.keyboard.press(key);
        await app.page.waitForTimeout(150);
      }
      const infosOf = (t: TracedMessage[]) =>
        t.filter((m) => m.direction === 'received' && m.firstLine.startsWith('INFO '));
      const trace = await far
        .waitTrace('6 INFO at the far end', (t) => infosOf(t).length >= 6)
        .catch(async (e: Error) => {
          const focus = await app.page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
          const sent = (await callView(id))?.dtmfSent;
          throw new Error(
            `${e.message}\nINFOs at sipp: ${infosOf(far.trace()).length}, keys sent by the app: ${sent}, focus: ${focus}\n${explain()}`,
          );
        });
      const infos = infosOf(trace);
      expect(infos.map((m) => /^Signal=(.+)$/m.exec(bodyOf(m))?.[1]?.trim()).join('')).toBe('19#0*5');
      for (const info of infos) {
        expect(info.text).toMatch(/^Content-Type:\s*application\/dtmf-relay\s*$/im);
        expect(bodyOf(info)).toMatch(/^Duration=160\s*$/m);
      }
      // One INFO per key, in CSeq order, each answered 200 by the far end.
      const cseqs = infos.map((m) => Number(cseqOf(m).split(' ')[0]));
      expect([...cseqs].sort((a, b) => a - b)).toEqual(cseqs);
      const answered = far
        .trace()
        .filter((m) => m.direction === 'sent' && m.firstLine.startsWith('SIP/2.0 200') && cseqOf(m).endsWith('INFO'));
      expect(answered.map(cseqOf).sort()).toEqual(infos.map(cseqOf).sort());
      // The card shows the keys sent (keypad's « Touches envoyées »).
      expect((await callView(id))?.dtmfSent).toBe('19#0*5');
      await button(id, 'Clavier').click();
      await expect
        .poll(() => app.page.locator(`[data-call-id="${id}"] output`).textContent(), { timeout: 5000 })
        .toBe('19#0*5');

      await app.page.keyboard.press('F10');
      const result = await far.done;
      expect(result.code, explain(result)).toBe(0);
      expect(result.messages).toMatch(/^BYE /m);
      await expect.poll(() => app.harness.services.calls.get(id).outcome, { timeout: 5000 }).toBe('answered');
      far.cleanup();
    } finally {
      await endCalls(far);
    }
  }, 60_000);

  it('answers a session-timer refresh re-INVITE from the far end with SDP; audio keeps flowing; one answered call, no hold', async () => {
    const before = app.harness.services.calls.list({ limit: 500, offset: 0 }).total;
    const far = caller('uac-session-refresh.xml', '0600000302', { globals: { refresh_ms: 2000 } });
    try {
      const id = await answer();
      const trace = await far.waitTrace('refresh re-INVITE answered and ACKed', (t) =>
        t.some((m) => m.direction === 'sent' && m.firstLine.startsWith('ACK') && cseqOf(m) === '2 ACK'),
      );
      const refresh = trace.find((m) => m.direction === 'sent' && cseqOf(m) === '2 INVITE')!;
      expect(refresh.text).toMatch(/^Session-Expires: 90;refresher=uac/m);
      const ok = trace.find(
        (m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 200') && cseqOf(m) === '2 INVITE',
      );
      expect(ok, explain()).toBeDefined();
      // The app answered with SDP, still two-way (the far end's offer was sendrecv).
      expect(ok!.text).toMatch(/^Content-Type:\s*application\/sdp/im);
      expect(bodyOf(ok!)).toMatch(/^m=audio \d+ RTP\/AVP /m);
      expect(bodyOf(ok!)).not.toMatch(/a=(sendonly|recvonly|inactive)/);
      // No other final answer to the refresh (no 488/500).
      expect(
        trace.filter(
          (m) => m.direction === 'received' && /^SIP\/2\.0 [3-6]/.test(m.firstLine) && cseqOf(m) === '2 INVITE',
        ),
      ).toHaveLength(0);

      // The call is still up after the refresh, with audio both ways in the page.
      const rtpBefore = await expectRtpFlowing(id);
      expect((await pageRtp(app.page, id)).outboundPackets).toBeGreaterThan(rtpBefore.outboundPackets);
      expect(await callView(id)).toMatchObject({ state: 'active', held: false, remoteHeld: false, holdError: null });
      expect(await header(id)).not.toContain('attente');

      await app.page.keyboard.press('F10');
      const result = await far.done;
      expect(result.code, explain(result)).toBe(0);
      expect(result.messages).toMatch(/^BYE /m);
      await expect.poll(() => app.harness.services.calls.get(id).outcome, { timeout: 5000 }).toBe('answered');
      expect(app.harness.services.calls.list({ limit: 500, offset: 0 }).total).toBe(before + 1);
      const logged = app.harness.services.calls.get(id);
      expect(logged.holds).toHaveLength(0);
      far.cleanup();
    } finally {
      await endCalls(far);
    }
  }, 60_000);

  it('shows "mis en attente par le correspondant" while the far end holds (a=sendonly) and clears it on resume', async () => {
    const far = caller('uac-remote-hold.xml', '0600000303', { globals: { hold_after_ms: 1500 } });
    try {
      const id = await answer();
      expect(await remoteHoldNotice(id)).toBe('');
      await expect
        .poll(() => remoteHoldNotice(id), { timeout: 10_000 })
        .toContain('mis en attente par le correspondant');
      // The band still says our own state: not held by us.
      expect(await header(id)).not.toContain('attente');
      // Held by the far end only: our own hold state and button are unchanged.
      expect(await callView(id)).toMatchObject({ state: 'active', remoteHeld: true, held: false });
      expect(await button(id, 'Mettre en attente').isEnabled()).toBe(true);
      const held = await far.waitTrace('200 to the hold re-INVITE', (t) =>
        t.some((m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 200') && cseqOf(m) === '2 INVITE'),
      );
      const holdOffer = held.find((m) => m.direction === 'sent' && cseqOf(m) === '2 INVITE')!;
      expect(bodyOf(holdOffer)).toMatch(/^a=sendonly/m);
      const holdAnswer = held.find(
        (m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 200') && cseqOf(m) === '2 INVITE',
      )!;
      // RFC 3264 §6.1: the answer to a sendonly offer is recvonly (or inactive).
      expect(bodyOf(holdAnswer)).toMatch(/^a=(recvonly|inactive)/m);
      await app.page.screenshot({ path: screenshotPath('sip-remote-hold') });

      // Go-ahead for the far end (one DTMF key as SIP INFO): it resumes with a=sendrecv.
      await app.page.locator('body').click({ position: { x: 5, y: 5 } });
      await app.page.keyboard.press('5');
      await expect.poll(() => remoteHoldNotice(id), { timeout: 10_000 }).toBe('');
      expect(await callView(id)).toMatchObject({ state: 'active', remoteHeld: false, held: false });
      const resumed = await far.waitTrace('200 to the resume re-INVITE', (t) =>
        t.some((m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 200') && cseqOf(m) === '3 INVITE'),
      );
      const resumeAnswer = resumed.find(
        (m) => m.direction === 'received' && m.firstLine.startsWith('SIP/2.0 200') && cseqOf(m) === '3 INVITE',
      )!;
      expect(bodyOf(resumeAnswer)).not.toMatch(/a=(sendonly|recvonly|inactive)/);

      await app.page.keyboard.press('F10');
      const result = await far.done;
      expect(result.code, explain(result)).toBe(0);
      await expect.poll(() => app.harness.services.calls.get(id).outcome, { timeout: 5000 }).toBe('answered');
      // The far end's hold is not the secretary's hold.
      expect(app.harness.services.calls.get(id).holds).toHaveLength(0);
      far.cleanup();
    } finally {
      await endCalls(far);
    }
  }, 60_000);

  it('retries its hold by itself 2.1–4 s after a 491 Request Pending and ends up held', async () => {
    const far = caller('uac-reject-first-reinvite.xml', '0600000304', {
      globals: { reject_code: 491 },
    });
    const consoleFrom = app.console.length;
    try {
      const id = await answer();
      await app.page.keyboard.press('Control+Shift+P');
      await button(id, 'Reprendre').waitFor({ timeout: 10_000 });
      expect(await header(id)).toContain('· en attente');
      expect(await callView(id)).toMatchObject({ state: 'active', held: true, holdPending: false, holdError: null });
      expect(await alerts(id).count()).toBe(0);

      const trace = await far.waitTrace('second re-INVITE answered 200', (t) =>
        t.some((m) => m.direction === 'sent' && m.firstLine.startsWith('SIP/2.0 200') && / INVITE$/.test(cseqOf(m))),
      );
      const reinvites = trace.filter((m) => m.direction === 'received' && m.firstLine.startsWith('INVITE '));
      expect(reinvites, explain()).toHaveLength(2);
      for (const r of reinvites) expect(bodyOf(r)).toMatch(/^a=(sendonly|inactive)/m);
      const refused = trace.find((m) => m.direction === 'sent' && m.firstLine.startsWith('SIP/2.0 491'))!;
      expect(cseqOf(refused)).toBe(cseqOf(reinvites[0]!));
      // The retry is a new transaction (higher CSeq), 2.1–4 s after the 491 (RFC 3261 §14.1), by the far end's clock.
      expect(Number(cseqOf(reinvites[1]!).split(' ')[0])).toBeGreaterThan(Number(cseqOf(reinvites[0]!).split(' ')[0]));
      const gap = reinvites[1]!.at - refused.at;
      expect(gap).toBeGreaterThanOrEqual(2100);
      expect(gap).toBeLessThanOrEqual(4000 + 1000);
      expect(app.console.slice(consoleFrom).join('\n')).toContain('491 on re-INVITE: retrying');

      // Nothing left stuck by the refused offer: resuming works at once (third re-INVITE, answered 200).
      await app.page.keyboard.press('Control+Shift+P');
      await button(id, 'Mettre en attente').waitFor({ timeout: 10_000 });
      expect(await callView(id)).toMatchObject({ state: 'active', held: false, holdError: null });
      const resumed = await far.waitTrace(
        'resume re-INVITE answered 200',
        (t) =>
          t.filter((m) => m.direction === 'sent' && m.firstLine.startsWith('SIP/2.0 200') && / INVITE$/.test(cseqOf(m)))
            .length === 2,
      );
      const resume = resumed.filter((m) => m.direction === 'received' && m.firstLine.startsWith('INVITE '))[2]!;
      expect(bodyOf(resume)).toMatch(/^a=sendrecv/m);

      await app.page.keyboard.press('F10');
      const result = await far.done;
      expect(result.code, explain(result)).toBe(0);
      await expect.poll(() => app.harness.services.calls.get(id).outcome, { timeout: 5000 }).toBe('answered');
      expect(app.harness.services.calls.get(id).holds).toHaveLength(1);
      console.info(`[lab figures] hold retried ${Math.round(gap)} ms after the 491`);
      far.cleanup();
    } finally {
      await endCalls(far);
    }
  }, 60_000);

  it('keeps the call truthfully not held, with the error shown, when the far end refuses the hold with 488; the next hold works', async () => {
    const far = caller('uac-reject-first-reinvite.xml', '0600000305', {
      globals: { reject_code: 488 },
    });
    const consoleFrom = app.console.length;
    try {
      const id = await answer();
      await button(id, 'Mettre en attente').click();
      await alerts(id).waitFor({ timeout: 10_000 });
      expect(await alerts(id).textContent()).toBe(
        'La mise en attente a échoué (488 Not Acceptable Here) : l’appel est resté dans son état précédent.',
      );
      expect(await callView(id)).toMatchObject({ state: 'active', held: false, holdPending: false });
      expect(await button(id, 'Mettre en attente').isEnabled()).toBe(true);
      expect(await header(id)).not.toContain('attente');
      await app.page.screenshot({ path: screenshotPath('sip-hold-refused') });
      // The failed offer was rolled back: audio still flows both ways, and no retry after a non-491 refusal.
      const rtpBefore = await expectRtpFlowing(id, 50);
      expect((await pageRtp(app.page, id)).outboundPackets).toBeGreaterThan(rtpBefore.outboundPackets);
      expect(far.trace().filter((m) => m.direction === 'received' && m.firstLine.startsWith('INVITE '))).toHaveLength(
        1,
      );
      expect(app.console.slice(consoleFrom).join('\n')).not.toContain('491 on re-INVITE');

      // The secretary tries again: the far end accepts this one, the error goes, the call is held.
      await button(id, 'Mettre en attente').click();
      await button(id, 'Reprendre').waitFor({ timeout: 10_000 });
      expect(await alerts(id).count()).toBe(0);
      const trace = await far.waitTrace('second re-INVITE answered 200', (t) =>
        t.some((m) => m.direction === 'sent' && m.firstLine.startsWith('SIP/2.0 200') && / INVITE$/.test(cseqOf(m))),
      );
      const reinvites = trace.filter((m) => m.direction === 'received' && m.firstLine.startsWith('INVITE '));
      expect(reinvites).toHaveLength(2);
      expect(bodyOf(reinvites[1]!)).toMatch(/^a=(sendonly|inactive)/m);

      await app.page.keyboard.press('F10');
      const result = await far.done;
      expect(result.code, explain(result)).toBe(0);
      await expect.poll(() => app.harness.services.calls.get(id).outcome, { timeout: 5000 }).toBe('answered');
      expect(app.harness.services.calls.get(id).holds).toHaveLength(1);
      far.cleanup();
    } finally {
      await endCalls(far);
    }
  }, 60_000);
});
