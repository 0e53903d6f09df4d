import { useStore } from 'zustand';
import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import { createPhoneStore, type PhoneState } from '../phone/store';
import type { ShellStore } from './shell-context';

/** The firm a call is for right now: the call she is on first, else the one ringing (not ignored). */
export function callFirmId(state: Pick<PhoneState, 'calls'>): string | null {
  const live = state.calls.filter((c) => c.firmId && c.state !== 'ended' && !c.consultFor);
  const onCall = live.find((c) => c.state === 'active' || c.state === 'connecting' || c.state === 'dialing');
  const ringing = live.find((c) => c.state === 'ringing' && !c.ignored);
  return (onCall ?? ringing)?.firmId ?? null;
}

/** Before the softphone exists (and in isolated tests): no call. */
const noPhone = createPhoneStore();

/**
 * The firm the header speaks about while a call rings or is answered: that call's firm, not the one she was
 * browsing (she must never greet a caller with another firm's name). Null when no call is live.
 */
export function useCallFirm(shell: ShellStore): FirmDetail | null {
  const phone = useStore(shell, (s) => s.phone);
  const firmId = useStore(phone?.store ?? noPhone, callFirmId);
  return (firmId && phone?.firm(firmId)) || null;
}
