import { useEffect, useState } from 'react';
import type { PermanenceClient } from '../../../shared/api';
import type { ShellStore } from '../../app/shell-context';
import type { Phone } from '../../phone';
import type { CallView } from '../../phone/types';
import { currentCall, liveCalls } from '../../phone/store';
import { createPhoneRuntime } from './runtime';

/**
 * The softphone for as long as the console is up, whatever is on screen: it keeps ringing, re-registering after
 * sleep and answering the global shortcuts while the app lock has unmounted every screen (issue 12). Creates the
 * phone (again when the SIP account changes, once every call has ended) and keeps its directory fresh.
 */
export function usePhoneRuntime(api: PermanenceClient, shell: ShellStore | null, enabled = true): Phone | null {
  const [phone, setPhone] = useState<Phone | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let disposed = false;
    let created: Phone | null = null;
    const onAnswered = (call: CallView) => {
      if (call.firmId) shell?.getState().setCallDesk({ firmId: call.firmId, callId: call.id });
    };
    createPhoneRuntime(api, onAnswered).then(
      (p) => {
        if (disposed) return void p.dispose();
        created = p;
        setPhone(p);
        shell?.getState().setPhone(p);
        if (new URLSearchParams(window.location.search).has('token')) window.__permanencePhone = p;
        void p.start();
      },
      (e: Error) => console.error(`[phone] ${e.message}`),
    );
    return () => {
      disposed = true;
      if (created) void created.dispose();
      setPhone(null);
      shell?.getState().setPhone(null);
    };
  }, [api, enabled, shell, generation]);

  useEffect(() => {
    if (!phone) return;
    const offFirms = api.events.subscribe('firms:changed', () => {
      void api.firms.directory({}).then((firms) => phone.setDirectory(firms));
    });
    let waitForIdle: (() => void) | null = null;
    // A new account means a new line; never drop a call for it: wait until every call has ended. Only the audio
    // devices changed: keep the line (un-REGISTER + REGISTER could miss a call) and take them for the next calls.
    const offAccount = api.events.subscribe('sip:accountChanged', ({ lineChanged }) => {
      if (!lineChanged) {
        void api.sip.credentials({}).then((c) => (c ? phone.useAudioSettings(c.account.audio) : undefined));
        return;
      }
      if (liveCalls(phone.store.getState()).length === 0) return setGeneration((g) => g + 1);
      waitForIdle ??= phone.store.subscribe((s) => {
        if (liveCalls(s).length > 0) return;
        waitForIdle?.();
        waitForIdle = null;
        setGeneration((g) => g + 1);
      });
    });
    // Electron only: the OS woke up, or a global shortcut was pressed while another application had the focus.
    const offResumed = api.events.subscribe('system:resumed', () => phone.resume());
    const offShortcut = api.events.subscribe('call:shortcut', ({ action }) => {
      const call = currentCall(phone.store.getState());
      if (!call) return;
      if (action === 'answer' && call.state === 'ringing') void phone.calls.answer(call.id);
      if (action === 'hangup') void phone.calls.hangup(call.id);
    });
    return () => {
      offFirms();
      offAccount();
      offResumed();
      offShortcut();
      waitForIdle?.();
    };
  }, [api, phone]);

  return phone;
}
