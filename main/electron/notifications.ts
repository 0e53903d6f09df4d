import { Notification } from 'electron';

export interface IncomingCallNotice {
  firmName: string;
  callerLabel: string;
}

// Held so the notification is not garbage-collected while shown: Electron then drops its click handler.
let current: Notification | null = null;

/**
 * An OS notification for a ringing call, for when the window is behind others or on another screen. Title and
 * body are the firm's name and the caller as the renderer already formatted them, so no text is composed here.
 * Silent: the renderer plays the ringtone on the ring device she chose; a second sound would only confuse.
 */
export function notifyIncomingCall(notice: IncomingCallNotice, onClick: () => void): Notification | null {
  if (!Notification.isSupported()) return null;
  current?.close();
  const notification = new Notification({
    title: notice.firmName,
    body: notice.callerLabel,
    silent: true,
    urgency: 'critical', // Linux: stays until dismissed instead of fading while the phone rings
    timeoutType: 'never',
  });
  notification.on('click', () => onClick());
  notification.on('close', () => {
    if (current === notification) current = null;
  });
  notification.show();
  current = notification;
  return notification;
}

/** Called when the call is answered or gone: a stale "incoming call" must not stay on screen. */
export function clearIncomingCall(): void {
  current?.close();
  current = null;
}
