import { useContext, useMemo } from 'react';
import { useStore } from 'zustand';
import { ShellContext, createShellStore } from './shell-context';

const idleShell = createShellStore();

/**
 * Dials a number through the softphone, presenting this firm's caller-ID; undefined while there is no phone
 * (outside the shell, or before PhoneLayer made it), and then SafeMarkdown copies the number instead.
 */
export function useDial(firmId: string | null): ((number: string) => void) | undefined {
  const shell = useContext(ShellContext) ?? idleShell;
  const phone = useStore(shell, (s) => s.phone);
  return useMemo(
    () => (phone ? (number: string) => void phone.calls.call(number, firmId) : undefined),
    [phone, firmId],
  );
}
