import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useApi } from '../../api/client';
import { ShellContext, createShellStore } from '../../app/shell-context';
import type { Phone } from '../../phone';
import type { CallView } from '../../phone/types';
import { currentCall, liveCalls } from '../../phone/store';
import { CallDesk } from '../call-desk/CallDesk';
import { CallCard } from './CallCard';
import { createPhoneRuntime } from './runtime';
import { useHeadset } from './use-headset';
import { usePhoneShortcuts } from './use-phone-shortcuts';

declare global {
  interface Window {
    /** Test hook in the browser harness only (E2E and benchmarks drive and inspect the softphone). */
    __permanencePhone?: Phone;
  }
}

/**
 * The softphone's layer over every view: creates the phone (unless a test passes one), keeps its directory
 * fresh, and shows a card per call. Mounted once in the Workspace.
 */
export function PhoneLayer({ phone: given }: { phone?: Phone }) {
  const api = useApi();
  const shell = useContext(ShellContext);
  const [own, setOwn] = useState<Phone | null>(null);
  const [generation, setGeneration] = useState(0);
  const phone = given ?? own;

  useEffect(() => {
    if (given) {
      shell?.getState().setPhone(given);
      return;
    }
    let disposed = false;
    let created: Phone | null = null;
    const onAnswered = (call: CallView) => {
      if (call.firmId) shell?.getState().setCallDesk({ firmId: call.firmId, callId: call.id });
    };
    createPhoneRuntime(api, onAnswered).then(
      (p) => {
        if (disposed) return void p.dispose();
        created = p;
        setOwn(p);
        shell?.getState().setPhone(p);
        if (new URLSearchParams(window.location.search).has('token')) window.__permanencePhone = p;
        void p.start();
      },
      (e: Error) => console.error(`[phone] ${e.message}`),
    );
    return () => {
      disposed = true;
      if (created) void created.dispose();
      shell?.getState().setPhone(null);
    };
  }, [api, given, shell, generation]);

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

  if (!phone) return null;
  return <PhoneCards phone={phone} />;
}

/**
 * The call desk keeps its consignes below the call cards however many there are (the cards float over the desk's
 * right column): the cards' height goes to the desk as `--phone-layer-height`. Read from ResizeObserver (after
 * layout: no forced reflow) and set on the desk's own wrapper (a custom property on the root would restyle the whole
 * document each time a card comes or goes, just when the next call may be arriving).
 */
function useLayerHeightForDesk() {
  const height = useRef<number | null>(null);
  const slot = useRef<HTMLElement | null>(null);
  // Reads refs only: the same for every render.
  const apply = () => {
    if (!slot.current) return;
    if (height.current === null) slot.current.style.removeProperty('--phone-layer-height');
    else slot.current.style.setProperty('--phone-layer-height', `${height.current}px`);
  };
  const layer = useCallback((el: HTMLElement | null) => {
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.borderBoxSize?.[0];
      height.current = Math.ceil(box ? box.blockSize : (entry?.contentRect.height ?? 0));
      apply();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      height.current = null;
      apply();
    };
  }, []);
  const deskSlot = useCallback((el: HTMLElement | null) => {
    slot.current = el;
    apply();
  }, []);
  return { layer, deskSlot };
}

function PhoneCards({ phone }: { phone: Phone }) {
  const { t } = useTranslation();
  const calls = useStore(phone.store, (s) => s.calls);
  const shell = useContext(ShellContext);
  const desk = useStore(
    useMemo(() => shell ?? fallbackShell, [shell]),
    (s) => s.callDesk,
  );
  usePhoneShortcuts(phone);
  useHeadset(phone);
  const { layer, deskSlot } = useLayerHeightForDesk();
  // Stable, so the memoised cards do not all re-render whenever one call changes.
  const takeMessage = useCallback(
    (c: CallView) => c.firmId && shell?.getState().setCallDesk({ firmId: c.firmId, callId: c.id }),
    [shell],
  );
  return (
    <>
      {calls.length > 0 ? (
        <aside ref={layer} className="phone-layer" aria-label={t('phone.layer')}>
          {[...calls]
            .sort((a, b) => Number(a.state === 'ended') - Number(b.state === 'ended'))
            .filter((c) => !(c.ignored && c.state === 'ringing' && calls.length > 1))
            .map((call) => (
              <CallCard
                key={call.id}
                phone={phone}
                call={call}
                onTakeMessage={takeMessage}
                deskOpen={desk?.callId === call.id}
              />
            ))}
        </aside>
      ) : null}
      {desk ? (
        <div ref={deskSlot} className="phone-desk-slot">
          <CallDesk firmId={desk.firmId} callId={desk.callId} onClose={() => shell?.getState().setCallDesk(null)} />
        </div>
      ) : null}
    </>
  );
}

/** Used only when the layer is rendered outside the Workspace (isolated tests). */
const fallbackShell = createShellStore();
