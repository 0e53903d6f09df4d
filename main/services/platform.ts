import type { LineStateName } from '../../shared/contract/methods/sip';

/**
 * The OS side of the softphone: what main does when a call rings or the line changes. Electron's
 * implementation (notifications, focus, tray) lives in main/electron and is passed to createServices; the
 * harness, the CLI and tests use the logging one below.
 */
export interface PlatformHooks {
  notifyIncomingCall(call: { firmName: string; callerLabel: string }): void;
  bringToFront(): void;
  setTrayStatus(lineState: LineStateName): void;
}

export type PlatformEvent =
  | { hook: 'notifyIncomingCall'; firmName: string; callerLabel: string }
  | { hook: 'bringToFront' }
  | { hook: 'setTrayStatus'; lineState: LineStateName };

/** Harness implementation: touches nothing, keeps what it was asked (tests read `events`) and logs it. */
export function createLoggingPlatform(log: (line: string) => void = () => undefined): PlatformHooks & {
  readonly events: PlatformEvent[];
} {
  const events: PlatformEvent[] = [];
  const keep = (event: PlatformEvent) => {
    events.push(event);
    if (events.length > 200) events.shift();
    // The caller label is a phone number or a name: personal data stays out of the log line.
    log(`platform: ${event.hook}${event.hook === 'setTrayStatus' ? ` ${event.lineState}` : ''}`);
  };
  return {
    events,
    notifyIncomingCall: ({ firmName, callerLabel }) => keep({ hook: 'notifyIncomingCall', firmName, callerLabel }),
    bringToFront: () => keep({ hook: 'bringToFront' }),
    setTrayStatus: (lineState) => keep({ hook: 'setTrayStatus', lineState }),
  };
}
