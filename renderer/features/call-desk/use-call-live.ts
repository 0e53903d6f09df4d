import { useContext } from 'react';
import { useStore } from 'zustand';
import { createShellStore, ShellContext } from '../../app/shell-context';
import { createPhoneStore } from '../../phone/store';

// Stand-ins with no phone and no call, so the hooks below run unconditionally.
const noShell = createShellStore();
const noPhone = createPhoneStore();

/**
 * Whether the desk's call is still on the line. True without a softphone to ask (isolated tests, a desk opened
 * before the phone exists): the desk then says what it was told, « Appel en cours ».
 */
export function useCallLive(callId: string | null): boolean {
  const shell = useContext(ShellContext);
  const phone = useStore(shell ?? noShell, (s) => s.phone);
  const state = useStore(phone?.store ?? noPhone, (s) =>
    callId ? (s.calls.find((c) => c.id === callId)?.state ?? 'ended') : null,
  );
  if (!callId) return false;
  return phone ? state !== 'ended' : true;
}
