// Switching the microphone and the speaker in the middle of a real call, from the card's device menu:
// the app against Kamailio + rtpengine + sipp, Chromium's fake audio devices (several inputs and outputs).
// Run inside a network namespace: bash scripts/with-netns.sh npx vitest run test/e2e/sip-devices.test.ts
import type { Page } from 'playwright-core';
import { requireLabTools, startLab, type Lab } from '../lab/lab';
import { startRtpProbe, type RtpProbe } from '../lab/rtp-probe';
import { parseSippMessages, runSipp, type SippResult } from '../lab/sipp';
import { CHROMIUM_PATH, hasTool } from './support/chromium';
import { screenshotPath } from './support/harness';
import { explainFailure, addFirm, pageRtp, phoneState, startSipApp, type SipApp } from './support/sip-app';

const ready = hasTool(CHROMIUM_PATH, 'chromium') && requireLabTools();

interface Device {
  kind: string;
  deviceId: string;
  label: string;
}

/** The call's microphone track (what the peer connection sends) and the remote audio element's output. */
async function callMedia(page: Page, callId: string) {
  return page.evaluate((id) => {
    const port = window.__permanencePhone!.calls.session(id) as unknown as {
      session: { sessionDescriptionHandler?: { peerConnection?: RTCPeerConnection } };
    };
    const pc = port.session.sessionDescriptionHandler!.peerConnection!;
    const track = pc.getSenders().find((s) => s.track?.kind === 'audio')?.track ?? null;
    // Keep the tracks seen, to check later that each one was released (a stopped track is 'ended').
    const seen = ((window as unknown as { __tracks?: MediaStreamTrack[] }).__tracks ??= []);
    if (track && !seen.includes(track)) seen.push(track);
    const remote = [...document.querySelectorAll('audio')].filter((a) => a.srcObject !== null);
    return {
      track: track && {
        deviceId: track.getSettings().deviceId ?? '',
        label: track.label,
        readyState: track.readyState,
        enabled: track.enabled,
      },
      sinks: remote.map((a) => (a as HTMLAudioElement & { sinkId: string }).sinkId),
      tracks: seen.map((t) => ({ label: t.label, readyState: t.readyState })),
    };
  }, callId);
}

describe.skipIf(!ready)('audio devices switched during a call, against the SIP lab', () => {
  let lab: Lab;
  let app: SipApp;
  let probe: RtpProbe;
  let chosen: { input: Device; output: Device } | null = null;
  let registeredSince = 0;

  beforeAll(async () => {
    lab = await startLab({ fallbackUser: 'alice' });
    probe = await startRtpProbe({ echo: true });
    app = await startSipApp(lab, (h) => {
      addFirm(h, 'Cabinet Martin', '01 42 00 00 01');
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await probe?.close();
    await lab?.stop();
  });

  const explain = (result?: SippResult) => explainFailure(app, result);

  it('switches microphone and speaker from the card mid-call: same call, new devices, RTP both ways', async () => {
    const page = app.page;
    // sipp calls; its SDP points at the probe, which counts what the app sends and echoes it back. The
    // scenario accepts nothing but the final BYE: a re-INVITE caused by the switch would fail it.
    const caller = runSipp({
      scenario: 'uac-call-to-probe-wait-bye.xml',
      target: lab.sipTarget,
      service: '0600000010',
      headers: ['Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1'],
      vars: { rtp_port: probe.port },
      timeoutMs: 60_000,
    });
    const ringing = page.locator('[data-call-state="ringing"]');
    await ringing.waitFor({ timeout: 10_000 });
    const callId = (await ringing.getAttribute('data-call-id'))!;
    await page.keyboard.press('F9');
    const card = page.locator(`[data-call-id="${callId}"][data-call-state="active"]`);
    await card.waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => (await pageRtp(page, callId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(50);
    await probe.waitFor((s) => s.packets > 50, 10_000);

    // Chromium's fake devices: default + two inputs, default + two outputs.
    const devices: Device[] = await page.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices()).map((d) => ({
        kind: d.kind,
        deviceId: d.deviceId,
        label: d.label,
      })),
    );
    const input = devices.find((d) => d.kind === 'audioinput' && d.label === 'Fake Audio Input 2');
    const output = devices.find((d) => d.kind === 'audiooutput' && d.label === 'Fake Audio Output 1');
    expect(input, JSON.stringify(devices)).toBeDefined();
    expect(output, JSON.stringify(devices)).toBeDefined();
    const before = await callMedia(page, callId);
    expect(before.track).toMatchObject({ deviceId: 'default', readyState: 'live' });
    expect(before.track!.deviceId).not.toBe(input!.deviceId);

    const lineBefore = await page.evaluate(() => {
      const phone = window.__permanencePhone!;
      (window as unknown as { __phoneBeforeSwitch: unknown }).__phoneBeforeSwitch = phone;
      return phone.store.getState().line.since;
    });
    registeredSince = lineBefore;

    // The menu from the keyboard (Ctrl+Shift+A): the devices in use ticked, the current microphone focused.
    await page.keyboard.press('Control+Shift+A');
    const menu = card.getByRole('menu', { name: 'Périphériques audio' });
    await menu.waitFor();
    expect(await card.getByRole('button', { name: 'Audio' }).getAttribute('aria-expanded')).toBe('true');
    const mics = menu.getByRole('group', { name: 'Microphone' });
    const speakers = menu.getByRole('group', { name: 'Haut-parleur / casque' });
    const focusedMic = mics.locator('[aria-checked="true"]:focus');
    await focusedMic.waitFor();
    expect(await focusedMic.textContent()).toContain('Fake Default Audio Input');

    // Default → Input 1 → Input 2, Enter; then the speaker with the mouse.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await mics.locator('[aria-checked="true"]', { hasText: 'Fake Audio Input 2' }).waitFor({ timeout: 10_000 });
    await card.screenshot({ path: screenshotPath('sip-devices-card-keyboard') });
    await speakers.getByRole('menuitemradio', { name: 'Fake Audio Output 1' }).click();
    await speakers.locator('[aria-checked="true"]', { hasText: 'Fake Audio Output 1' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath('sip-devices-menu') });
    await card.screenshot({ path: screenshotPath('sip-devices-card') });

    // Same call, new microphone track from the chosen device, remote audio on the chosen output.
    const after = await callMedia(page, callId);
    expect(after.track).toMatchObject({
      deviceId: input!.deviceId,
      label: 'Fake Audio Input 2',
      readyState: 'live',
      enabled: true,
    });
    expect(after.sinks).toEqual([output!.deviceId]);
    // The previous microphone was released.
    expect(after.tracks.find((t) => t.label === before.track!.label)?.readyState).toBe('ended');
    expect(await card.getAttribute('data-call-state')).toBe('active');
    expect(await card.getByRole('alert').count()).toBe(0);
    expect(await phoneState(page)).toMatchObject({ live: 1, sessions: 1 });

    // RTP keeps flowing both ways after the switch: in the page, and at the far end (the probe).
    const rtp = await pageRtp(page, callId);
    const far = probe.stats().packets;
    await expect
      .poll(async () => (await pageRtp(page, callId)).outboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(rtp.outboundPackets + 50);
    await expect
      .poll(async () => (await pageRtp(page, callId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(rtp.inboundPackets + 50);
    await probe.waitFor((s) => s.packets > far + 50, 10_000);

    // A microphone that cannot be opened (another application holds it): the card says so, the call goes on
    // with the microphone it had.
    const other = devices.find((d) => d.kind === 'audioinput' && d.label === 'Fake Audio Input 1')!;
    await page.evaluate((busyId) => {
      const media = navigator.mediaDevices;
      const original = media.getUserMedia.bind(media);
      media.getUserMedia = async (constraints) => {
        if (JSON.stringify(constraints ?? {}).includes(busyId))
          throw new DOMException('Could not start audio source', 'NotReadableError');
        return original(constraints);
      };
    }, other.deviceId);
    await mics.getByRole('menuitemradio', { name: 'Fake Audio Input 1' }).click();
    const alert = card.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain(
      'Le micro n’a pas pu passer sur « Fake Audio Input 1 » (appareil occupé ou indisponible) : l’appel continue avec le micro précédent.',
    );
    await card.screenshot({ path: screenshotPath('sip-devices-card-failed') });
    expect(await mics.locator('[aria-checked="true"]').textContent()).toContain('Fake Audio Input 2');
    expect((await callMedia(page, callId)).track).toMatchObject({ label: 'Fake Audio Input 2', readyState: 'live' });
    const out = (await pageRtp(page, callId)).outboundPackets;
    await expect
      .poll(async () => (await pageRtp(page, callId)).outboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(out + 25);
    await alert.getByRole('button', { name: 'Compris' }).click();
    await alert.waitFor({ state: 'detached' });

    // A speaker that refuses (setSinkId AbortError): said on the card, the call stays on the previous output.
    const refusing = devices.find((d) => d.kind === 'audiooutput' && d.label === 'Fake Audio Output 2')!;
    await page.evaluate((refusedId) => {
      const proto = HTMLMediaElement.prototype as HTMLMediaElement & { setSinkId(id: string): Promise<void> };
      const original = proto.setSinkId;
      (window as unknown as { __restoreSinkId(): void }).__restoreSinkId = () => (proto.setSinkId = original);
      proto.setSinkId = function (this: HTMLMediaElement, id: string) {
        if (id === refusedId)
          return Promise.reject(new DOMException('The operation could not be performed', 'AbortError'));
        return original.call(this, id);
      };
    }, refusing.deviceId);
    await speakers.getByRole('menuitemradio', { name: 'Fake Audio Output 2' }).click();
    await alert.waitFor({ timeout: 10_000 });
    expect(await alert.textContent()).toContain('Le son n’a pas pu passer sur « Fake Audio Output 2 »');
    expect(await speakers.locator('[aria-checked="true"]').textContent()).toContain('Fake Audio Output 1');
    expect((await callMedia(page, callId)).sinks).toEqual([output!.deviceId]);
    await alert.getByRole('button', { name: 'Compris' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.evaluate(() => (window as unknown as { __restoreSinkId(): void }).__restoreSinkId());

    // Kept for the next calls: the account (from the settings) now names both devices, ring device untouched.
    expect(app.harness.services.sipAccount.view().account!.audio).toEqual({
      inputId: input!.deviceId,
      outputId: output!.deviceId,
      ringId: '',
    });

    // Escape closes the menu; F10 hangs up; sipp saw nothing but the BYE (no renegotiation).
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    await page.keyboard.press('F10');
    const result = await caller;
    expect(result.code, explain(result)).toBe(0);
    const invites = parseSippMessages(result.messages).filter((m) => m.firstLine.startsWith('INVITE'));
    expect(invites.map((m) => m.direction)).toEqual(['sent']);

    // The call log: one answered call; no microphone left open after the call.
    await expect.poll(() => app.harness.services.calls.get(callId).outcome, { timeout: 5000 }).toBe('answered');
    const log = app.harness.services.calls.list({ limit: 50, offset: 0 });
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({ id: callId, outcome: 'answered' });
    const tracks = await page.evaluate(() =>
      ((window as unknown as { __tracks: MediaStreamTrack[] }).__tracks ?? []).map((t) => t.readyState),
    );
    expect(tracks).toEqual(['ended', 'ended']);
    chosen = { input: input!, output: output! };
  }, 120_000);

  it('opens the chosen devices for the next call', async () => {
    const page = app.page;
    expect(chosen).not.toBeNull();
    // The menu saved the choice in the account: only the audio changed, so the line was kept as it was (a new
    // line would un-REGISTER and REGISTER again, and a call arriving meanwhile would be lost).
    const kept = await page.evaluate(() => {
      const phone = window.__permanencePhone!;
      return {
        samePhone: phone === (window as unknown as { __phoneBeforeSwitch: unknown }).__phoneBeforeSwitch,
        line: phone.store.getState().line,
      };
    });
    expect(kept.samePhone).toBe(true);
    expect(kept.line).toMatchObject({ state: 'registered', since: registeredSince });
    expect(app.harness.services.sipAccount.view().account?.audio.inputId).toBe(chosen!.input.deviceId);
    const caller = runSipp({
      scenario: 'uac-forwarded-call.xml',
      target: lab.sipTarget,
      service: '0600000011',
      headers: ['Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1'],
      globals: { talk_ms: 4000 },
      timeoutMs: 30_000,
    });
    const ringing = page.locator('[data-call-state="ringing"]');
    await ringing.waitFor({ timeout: 10_000 });
    const callId = (await ringing.getAttribute('data-call-id'))!;
    await page.keyboard.press('F9');
    await page.locator(`[data-call-id="${callId}"][data-call-state="active"]`).waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => (await pageRtp(page, callId)).inboundPackets, { timeout: 10_000 })
      .toBeGreaterThan(20);
    const media = await callMedia(page, callId);
    expect(media.track).toMatchObject({ deviceId: chosen!.input.deviceId, label: 'Fake Audio Input 2' });
    expect(media.sinks).toEqual([chosen!.output.deviceId]);
    const result = await caller;
    expect(result.code, explain(result)).toBe(0);
    await expect.poll(() => app.harness.services.calls.get(callId).outcome, { timeout: 5000 }).toBe('answered');
  }, 90_000);

  it('rings on the ring device chosen in the settings, apart from the call device, without a new line', async () => {
    const page = app.page;
    const outputs: Device[] = await page.evaluate(async () =>
      (await navigator.mediaDevices.enumerateDevices())
        .filter((d) => d.kind === 'audiooutput')
        .map((d) => ({ kind: d.kind, deviceId: d.deviceId, label: d.label })),
    );
    const ringDevice = outputs.find((d) => d.label === 'Fake Audio Output 2')!;
    const lineBefore = await page.evaluate(() => window.__permanencePhone!.store.getState().line.since);
    // The settings save only the ring device: the running line takes it (no new REGISTER).
    const { account } = app.harness.services.sipAccount.view();
    app.harness.services.sipAccount.save(
      { ...account!, audio: { ...account!.audio, ringId: ringDevice.deviceId } },
      undefined,
    );
    const sound = (kind: string) =>
      page.evaluate((k) => {
        const el = document.querySelector<HTMLAudioElement & { sinkId: string }>(`audio[data-sound="${k}"]`)!;
        return { sinkId: el.sinkId, playing: !el.paused };
      }, kind);
    await expect
      .poll(async () => (await sound('ring')).sinkId, { timeout: 10_000 })
      .toBe(ringDevice.deviceId)
      .catch((e: Error) => {
        throw new Error(`${e.message}\n${app.console.join('\n')}`);
      });

    const caller = runSipp({
      scenario: 'uac-cancel-before-answer.xml',
      target: lab.sipTarget,
      service: '0600000012',
      headers: ['Diversion: <sip:+33142000001@permanence.lab>;reason=no-answer;counter=1'],
      globals: { ring_ms: 2000 },
      timeoutMs: 20_000,
    });
    await page.locator('[data-call-state="ringing"]').waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await sound('ring')).playing, { timeout: 5000 }).toBe(true);
    expect(await sound('ring')).toEqual({ sinkId: ringDevice.deviceId, playing: true });
    // The call-waiting tone and the ringback stay on the call device (the speaker chosen in the first test).
    expect((await sound('waiting')).sinkId).toBe(chosen!.output.deviceId);
    const result = await caller;
    expect(result.code, explain(result)).toBe(0);
    await expect.poll(async () => (await sound('ring')).playing, { timeout: 5000 }).toBe(false);
    expect(await page.evaluate(() => window.__permanencePhone!.store.getState().line)).toMatchObject({
      state: 'registered',
      since: lineBefore,
    });
  }, 60_000);
});
