import type { HIDDevice, Session } from 'electron';
import type { AppUrl } from './app-url';

/**
 * What the page may use, and nothing else: the microphone (audio only: a softphone needs no camera),
 * notifications, and WebHID for known headset makers, so answer / hang-up / mute buttons on the headset reach
 * the softphone (electron PR #30213). Everything is refused for any origin but our own page.
 */
export const HEADSET_VENDOR_IDS: ReadonlyMap<number, string> = new Map([
  [0x0b0e, 'Jabra (GN Audio)'],
  [0x047f, 'Poly / Plantronics'],
  [0x1395, 'EPOS / Sennheiser'],
  [0x046d, 'Logitech'],
  [0x6993, 'Yealink'],
]);

export function isHeadset(device: { vendorId: number }): boolean {
  return HEADSET_VENDOR_IDS.has(device.vendorId);
}

type CheckPermission = Parameters<Parameters<Session['setPermissionCheckHandler']>[0] & object>[1];
type RequestPermission = Parameters<Parameters<Session['setPermissionRequestHandler']>[0] & object>[1];

const CHECKS: ReadonlySet<CheckPermission> = new Set<CheckPermission>(['media', 'notifications', 'hid']);
const REQUESTS: ReadonlySet<RequestPermission> = new Set<RequestPermission>(['media', 'notifications']);

export function allowPermissionCheck(
  appUrl: AppUrl,
  permission: CheckPermission,
  origin: string,
  mediaType?: string,
): boolean {
  if (!CHECKS.has(permission) || !appUrl.isAppOrigin(origin)) return false;
  return permission !== 'media' || mediaType !== 'video';
}

export function allowPermissionRequest(
  appUrl: AppUrl,
  permission: RequestPermission,
  requestingUrl: string | undefined,
  mediaTypes: readonly string[] = [],
): boolean {
  if (!REQUESTS.has(permission) || !appUrl.isAppUrl(requestingUrl)) return false;
  return permission !== 'media' || !mediaTypes.includes('video');
}

export function allowDevice(appUrl: AppUrl, details: { deviceType: string; origin: string; device: unknown }): boolean {
  if (details.deviceType !== 'hid' || !appUrl.isAppOrigin(details.origin)) return false;
  const device = details.device as Partial<HIDDevice>;
  return typeof device.vendorId === 'number' && isHeadset({ vendorId: device.vendorId });
}

/** Picks the first headset offered by navigator.hid.requestDevice; never a keyboard, mouse or unknown device. */
export function pickHeadset(devices: readonly HIDDevice[]): string | null {
  return devices.find(isHeadset)?.deviceId ?? null;
}

export function installPermissionHandlers(session: Session, appUrl: AppUrl): void {
  session.setPermissionCheckHandler((_contents, permission, origin, details) =>
    allowPermissionCheck(appUrl, permission, details.securityOrigin ?? origin, details.mediaType),
  );
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    // Main frame only: the app embeds no frames, so a request from a sub-frame is by definition foreign.
    callback(details.isMainFrame && allowPermissionRequest(appUrl, permission, details.requestingUrl, mediaTypes));
  });
  session.setDevicePermissionHandler((details) => allowDevice(appUrl, details));
  session.on('select-hid-device', (event, details, callback) => {
    event.preventDefault(); // we choose, instead of Chromium's (absent) device picker
    callback(details.frame && appUrl.isAppUrl(details.frame.url) ? pickHeadset(details.deviceList) : null);
  });
}
