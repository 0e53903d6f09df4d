import { Suspense, lazy, useCallback, useContext, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useApi } from '../../api/client';
import { ShellContext, createShellStore } from '../../app/shell-context';
import type { Phone } from '../../phone';
import type { CallView } from '../../phone/types';
import { currentCall, liveCalls } from '../../phone/store';
import { CallCard } from './CallCard';
import { createPhoneRuntime } from './runtime';
import { useHeadset } from './use-headset';
import { usePhoneShortcuts } from './use-phone-shortcuts';

type CallDeskProps = { firmId: string; callId: string; onClose(): void };
// The call desk belongs to the messages feature; load it only if it exists in this build.
const deskModules = import.meta.glob<{ CallDesk: ComponentType<CallDeskProps> }>('../call-desk/CallDesk.tsx');
const deskLoader = Object.values(deskModules)[0];
const LazyCallDesk = deskLoader ? lazy(() => deskLoader().then((m) => ({ default: m.CallDesk }))) : null;

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
 * Publishes the element's height as a CSS variable on the document, so the call desk can keep its consignes below
 * the call cards however many there are (the cards float over the desk's right column).
 */
function usePublishedHeight(variable: string) {
  return useCallback(
    (el: HTMLElement | null) => {
      const root = document.documentElement.style;
      if (!el) {
        root.removeProperty(variable);
        return;
      }
      const publish = () => root.setProperty(variable, `${Math.ceil(el.getBoundingClientRect().height)}px`);
      publish();
      if (typeof ResizeObserver === 'undefined') return;
      const observer = new ResizeObserver(publish);
      observer.observe(el);
      return () => {
        observer.disconnect();
        root.removeProperty(variable);
      };
    },
    [variable],
  );
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
  const layer = usePublishedHeight('--phone-layer-height');
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
                onTakeMessage={(c) => c.firmId && shell?.getState().setCallDesk({ firmId: c.firmId, callId: c.id })}
              />
            ))}
        </aside>
      ) : null}
      {desk && LazyCallDesk ? (
        <Suspense fallback={null}>
          <LazyCallDesk firmId={desk.firmId} callId={desk.callId} onClose={() => shell?.getState().setCallDesk(null)} />
        </Suspense>
      ) : null}
    </>
  );
}

/** Used only when the layer is rendered outside the Workspace (isolated tests). */
const fallbackShell = createShellStore();
