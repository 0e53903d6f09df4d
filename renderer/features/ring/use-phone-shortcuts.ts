import { useEffect, useRef } from 'react';
import type { Phone } from '../../phone';
import { currentCall } from '../../phone/store';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

/**
 * Call keys, from any view: F9 answer, F10 hang up / decline, Ctrl+Shift+P hold/resume, Ctrl+Shift+M mute,
 * Ctrl+Shift+I ignore, Ctrl+Shift+T focus the transfer field; 0–9 * # send DTMF during a call when no text
 * field has the focus.
 */
export function usePhoneShortcuts(phone: Phone): void {
  const ref = useRef(phone);
  useEffect(() => {
    ref.current = phone;
  });
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const p = ref.current;
      const call = currentCall(p.store.getState());
      if (!call) return;
      const chord = (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey;
      const key = event.key.toLowerCase();
      let handled = true;
      if (event.key === 'F9') {
        if (call.state === 'ringing') void p.calls.answer(call.id);
      } else if (event.key === 'F10') {
        void p.calls.hangup(call.id);
      } else if (chord && key === 'p') {
        void p.calls.setHold(call.id, !call.held);
      } else if (chord && key === 'm') {
        p.calls.setMuted(call.id, !call.muted);
      } else if (chord && key === 'i') {
        p.calls.ignore(call.id);
      } else if (chord && key === 't') {
        document.querySelector<HTMLInputElement>(`[data-call-id="${call.id}"] [data-phone-transfer-input]`)?.focus();
      } else if (
        !chord &&
        !event.ctrlKey &&
        !event.altKey &&
        !event.metaKey &&
        /^[0-9*#]$/.test(event.key) &&
        call.state === 'active' &&
        !typing(event.target)
      ) {
        void p.calls.sendDtmf(call.id, event.key);
      } else handled = false;
      if (handled) event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
