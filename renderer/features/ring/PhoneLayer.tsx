import { useCallback, useContext, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useApi } from '../../api/client';
import { ShellContext, createShellStore } from '../../app/shell-context';
import type { Phone } from '../../phone';
import type { CallView } from '../../phone/types';
import { CallDesk } from '../call-desk/CallDesk';
import { CallCard } from './CallCard';
import { usePhoneRuntime } from './use-phone-runtime';
import { useHeadset } from './use-headset';
import { usePhoneShortcuts } from './use-phone-shortcuts';

declare global {
  interface Window {
    /** Test hook in the browser harness only (E2E and benchmarks drive and inspect the softphone). */
    __permanencePhone?: Phone;
  }
}

/**
 * The softphone's cards over every view. The console's LockGate owns the phone (use-phone-runtime.ts: it must
 * outlive the screens the app lock unmounts) and passes it in; without one (isolated tests) the layer creates
 * its own.
 */
export function PhoneLayer({ phone: given }: { phone?: Phone }) {
  const api = useApi();
  const shell = useContext(ShellContext);
  const own = usePhoneRuntime(api, shell, !given);
  const phone = given ?? own;

  useEffect(() => {
    if (given) shell?.getState().setPhone(given);
  }, [given, shell]);

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
