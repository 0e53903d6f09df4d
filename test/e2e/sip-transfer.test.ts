// Blind and announced transfers from the app against real SIP software: baresip (a native client that follows a
// REFER) is the caller being transferred, a sipp UAS is the person the call is transferred to.
// Run inside a network namespace: bash scripts/with-netns.sh npx vitest run test/e2e/sip-transfer.test.ts
import { findFreePort, requireLabTools, startLab, type Lab } from '../lab/lab';
import { parseSippMessages, registerWithSipp, startSippUas, type SippResult } from '../lab/sipp';
import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { screenshotPath } from './support/harness';
import { BARESIP_PATH, startBaresip, type Baresip } from './support/sip-baresip';
import { addFirm, pageRtp, phoneState, startSipApp, type SipApp } from './support/sip-app';

const ready = hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools() && hasTool(BARESIP_PATH, 'baresip');

describe.skipIf(!ready)('softphone transfers, against the SIP lab with baresip', () => {
  let lab: Lab;
  let app: SipApp;
  let baresip: Baresip;
  let uasPort: number;

  beforeAll(async () => {
    uasPort = await findFreePort('udp');
    lab = await startLab({ fallbackUser: 'alice', staticRoutes: [{ prefix: '9', port: uasPort }] });
    app = await startSipApp(lab, (h) => {
      addFirm(h, 'Cabinet Martin', '01 42 00 00 01');
    });
    baresip = await startBaresip(lab, 'bob');
  }, 120_000);

  afterAll(async () => {
    await baresip?.stop();
    await app?.close();
    await lab?.stop();
  });

  const explain = (result?: SippResult) =>
    [
      result ? `sipp ${result.code}\n${result.stderr.slice(-600)}\n${result.errors.slice(-1500)}` : '',
      '--- baresip ---',
      baresip.output().slice(-2500),
      '--- page ---',
      ...app.console.slice(-15),
    ].join('\n');

  /** baresip (bob) calls the firm's number; the app answers with F9; RTP flows. Returns the app's call id. */
  async function answeredCallFromBaresip(): Promise<string> {
    await baresip.command('/dial sip:0142000001@permanence.lab');
    const card = app.page.locator('[data-call-state="ringing"]');
    await card.waitFor({ timeout: 10_000 });
    const callId = (await card.getAttribute('data-call-id'))!;
    expect(await card.locator('[data-testid="greeting"]').textContent()).toBe('Cabinet Martin, bonjour.');
    await app.page.keyboard.press('F9');
    await app.page.locator(`[data-call-id="${callId}"][data-call-state="active"]`).waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => (await pageRtp(app.page, callId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(20);
    return callId;
  }

  /** When the UAS sent its 200 OK to the INVITE coming from baresip (From bob), on sipp's clock. */
  function answeredBaresipAt(result: SippResult): { at: number; invite: string } {
    const trace = parseSippMessages(result.messages);
    const invite = trace.find(
      (m) => m.direction === 'received' && m.firstLine.startsWith('INVITE') && /^From:.*sip:bob@/im.test(m.text),
    );
    expect(invite, result.messages.slice(0, 4000)).toBeDefined();
    const callId = /^Call-ID:\s*(.+)$/im.exec(invite!.text)![1]!.trim();
    const ok = trace.find(
      (m) =>
        m.direction === 'sent' &&
        m.firstLine.startsWith('SIP/2.0 200') &&
        m.text.includes(callId) &&
        /CSeq:\s*\d+ INVITE/i.test(m.text),
    )!;
    return { at: ok.at, invite: invite!.text };
  }

  it('blind transfer: REFER to baresip, baresip calls the person, the app hangs up its leg after the NOTIFY', async () => {
    const uas = await startSippUas({ port: uasPort, vars: { uas_user: 'carol' }, calls: 1, timeoutMs: 60_000 });
    try {
      const callId = await answeredCallFromBaresip();
      const card = app.page.locator(`[data-call-id="${callId}"]`);
      await card.getByRole('combobox', { name: 'Transférer vers' }).fill('9001');
      await card.getByRole('button', { name: 'Transfert direct' }).click();
      await app.page
        .locator(`[data-call-id="${callId}"][data-call-state="ended"]`)
        .waitFor({ timeout: 20_000 })
        .catch((e: Error) => {
          throw new Error(`${e.message}\n${explain()}`);
        });
      // baresip followed the REFER: it is now talking to the person (the sipp UAS) and no longer to us.
      await baresip.waitFor(/transferring call/i, 5000);
      await expect
        .poll(() => app.harness.services.calls.get(callId).outcome, { timeout: 5000 })
        .toBe('transferred-blind');
      const logged = app.harness.services.calls.get(callId);
      expect(logged.transferKind).toBe('blind');
      expect(logged.transferTarget).toBe('9001');
      await baresip.command('/hangup');
      const result = await uas.done;
      expect(result.code, explain(result)).toBe(0);
      // The transfer is logged (and our leg hung up) only once the NOTIFY said the person answered.
      const answered = answeredBaresipAt(result);
      expect(logged.answeredAt!).toBeLessThan(logged.transferredAt!);
      expect(answered.at).toBeLessThanOrEqual(logged.transferredAt! + 5);
      expect(logged.endedAt!).toBeGreaterThanOrEqual(logged.transferredAt!);
      expect((await phoneState(app.page)).sessions).toBe(0);
    } finally {
      await uas.stop();
    }
  }, 90_000);

  it('announced transfer: caller on hold, consult call to the person, then REFER with Replaces completes it', async () => {
    // The REFER's Refer-To is the consult call's remote target, sip:carol@127.0.0.1:<uas port>: the lab's Kamailio
    // routes by user, so carol must be registered there with the UAS's address (as the person's phone would be).
    const registered = await registerWithSipp({ target: lab.sipTarget, user: lab.user('carol'), port: uasPort });
    expect(registered.code, registered.errors).toBe(0);
    const uas = await startSippUas({ port: uasPort, vars: { uas_user: 'carol' }, calls: 2, timeoutMs: 60_000 });
    try {
      const callId = await answeredCallFromBaresip();
      const card = app.page.locator(`[data-call-id="${callId}"]`);
      await card.getByRole('combobox', { name: 'Transférer vers' }).fill('9001');
      await card.getByRole('button', { name: 'Transfert annoncé' }).click();
      const complete = card.getByRole('button', { name: 'Transférer maintenant' });
      await expect.poll(() => complete.isEnabled(), { timeout: 10_000 }).toBe(true);
      const consultId = await app.page.evaluate(
        (id) => window.__permanencePhone!.store.getState().calls.find((c) => c.id === id)!.transfer!.consultCallId!,
        callId,
      );
      expect(
        await app.page.evaluate(
          (id) => window.__permanencePhone!.store.getState().calls.find((c) => c.id === id)!.held,
          callId,
        ),
      ).toBe(true);
      await app.page.screenshot({ path: screenshotPath('sip-announced-transfer') });
      await complete.click();
      await app.page
        .locator(`[data-call-id="${callId}"][data-call-state="ended"]`)
        .waitFor({ timeout: 20_000 })
        .catch(async (e: Error) => {
          const r = await uas.stop();
          throw new Error(`${e.message}\n${explain()}\n--- uas ---\n${r.messages.slice(-6000)}`);
        });
      // The REFER named the consult call (Refer-To: <…?Replaces=call-id;to-tag;from-tag>).
      await baresip.waitFor(/transferring call .*\?Replaces=/i, 5000);
      await expect
        .poll(() => app.harness.services.calls.get(callId).outcome, { timeout: 5000 })
        .toBe('transferred-announced');
      const logged = app.harness.services.calls.get(callId);
      expect(logged.transferKind).toBe('announced');
      expect(logged.holds.length).toBe(1);
      await app.page
        .locator(`[data-call-id="${consultId}"][data-call-state="ended"]`)
        .waitFor({ timeout: 10_000 })
        .catch(() => undefined);
      await baresip.command('/hangup');
      const result = await uas.done;
      expect(result.code, explain(result)).toBe(0);
      const answered = answeredBaresipAt(result);
      console.info(
        `[lab figures] INVITE from baresip after REFER/Replaces carries Replaces: ${/^Replaces:/im.test(answered.invite)}`,
      );
      expect(answered.at).toBeLessThanOrEqual(logged.transferredAt! + 5);
      expect(logged.endedAt!).toBeGreaterThanOrEqual(logged.transferredAt!);
      const consult = app.harness.services.calls.get(consultId);
      expect(consult.endedAt).not.toBeNull();
      await expect.poll(async () => (await phoneState(app.page)).sessions, { timeout: 5000 }).toBe(0);
    } finally {
      await uas.stop();
    }
  }, 90_000);
});
