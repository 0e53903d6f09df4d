import { useEffect } from 'react';
import type { Phone } from '../../phone';
import {
  HEADSET_PAIRED_EVENT,
  browserHid,
  createHeadsetController,
  type HeadsetAction,
  type HeadsetState,
  type HidLike,
} from '../../phone/headset';
import { liveCalls, type PhoneState } from '../../phone/store';
import type { CallView } from '../../phone/types';

const ringingCall = (s: PhoneState): CallView | undefined =>
  liveCalls(s).find((c) => c.state === 'ringing' && c.direction === 'inbound' && !c.ignored);

/** The call in progress (not a ringing one): the focused one if it is, else the unheld one, else any. */
function callInProgress(s: PhoneState): CallView | undefined {
  const live = liveCalls(s).filter((c) => c.state !== 'ringing');
  return live.find((c) => c.id === s.focusedCallId) ?? live.find((c) => !c.held) ?? live[0];
}

/** What the headset should show for the phone's state: ring while a call rings, off-hook during a call, mute LED. */
export function headsetState(s: PhoneState): HeadsetState {
  const call = callInProgress(s);
  return { ringing: !!ringingCall(s), offHook: !!call, muted: !!call?.muted };
}

/** A headset button → the phone: answer the ringing call, hang up the call in progress, toggle its mute. */
export function applyHeadsetAction(phone: Phone, action: HeadsetAction): void {
  const s = phone.store.getState();
  if (action === 'off-hook') {
    const ringing = ringingCall(s);
    if (ringing) void phone.calls.answer(ringing.id);
  } else if (action === 'on-hook') {
    const call = callInProgress(s);
    if (call) void phone.calls.hangup(call.id);
  } else if (action === 'toggle-mute') {
    const call = callInProgress(s);
    if (call?.state === 'active') phone.calls.setMuted(call.id, !call.muted);
  }
  // 'flash' (hold / swap on some desk phones) is not acted on: headsets disagree on what it means.
}

/**
 * HID headset buttons for the phone (where WebHID exists: Chromium, Electron). Attaches an already-permitted
 * headset, and one paired later from the settings ("Associer un casque").
 */
export function useHeadset(phone: Phone, hid: HidLike | null = browserHid()): void {
  useEffect(() => {
    if (!hid) return;
    const controller = createHeadsetController({
      hid,
      onAction: (action) => applyHeadsetAction(phone, action),
      log: (line) => console.warn(`[phone] ${line}`),
    });
    const connect = () => void controller.connectGranted().catch(() => undefined);
    connect();
    window.addEventListener(HEADSET_PAIRED_EVENT, connect);
    controller.setState(headsetState(phone.store.getState()));
    const off = phone.store.subscribe((s) => controller.setState(headsetState(s)));
    return () => {
      off();
      window.removeEventListener(HEADSET_PAIRED_EVENT, connect);
      void controller.dispose();
    };
  }, [phone, hid]);
}
