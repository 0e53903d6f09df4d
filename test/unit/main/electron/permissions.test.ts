import { createAppUrl } from '../../../../main/electron/app-url';
import {
  allowDevice,
  allowPermissionCheck,
  allowPermissionRequest,
  installPermissionHandlers,
  pickHeadset,
} from '../../../../main/electron/permissions';
import { resetFakeElectron, session } from '../../../fakes/electron';

vi.mock('electron', () => import('../../../fakes/electron'));

const appUrl = createAppUrl({ rendererIndex: '/opt/permanence/dist/renderer/index.html' });
const OWN = 'file:///opt/permanence/dist/renderer/index.html';
const hid = (vendorId: number, deviceId = `dev-${vendorId}`) => ({
  deviceId,
  vendorId,
  productId: 1,
  name: 'device',
  collections: [],
});

beforeEach(() => resetFakeElectron());

describe('WebHID permissions', () => {
  it('allows a Jabra headset for the app page', () => {
    expect(allowDevice(appUrl, { deviceType: 'hid', origin: 'file://', device: hid(0x0b0e) })).toBe(true);
  });

  it.each([
    ['Poly / Plantronics', 0x047f],
    ['EPOS / Sennheiser', 0x1395],
    ['Logitech', 0x046d],
    ['Yealink', 0x6993],
  ])('allows a %s headset too', (_maker, vendorId) => {
    expect(allowDevice(appUrl, { deviceType: 'hid', origin: 'file://', device: hid(vendorId) })).toBe(true);
  });

  it('refuses a device from an unknown vendor', () => {
    expect(allowDevice(appUrl, { deviceType: 'hid', origin: 'file://', device: hid(0x1234) })).toBe(false);
  });

  it('refuses a headset asked for by another origin, and USB or serial devices', () => {
    expect(allowDevice(appUrl, { deviceType: 'hid', origin: 'https://evil.example', device: hid(0x0b0e) })).toBe(false);
    expect(allowDevice(appUrl, { deviceType: 'usb', origin: 'file://', device: hid(0x0b0e) })).toBe(false);
  });

  it('picks the headset among the devices offered, never a keyboard', () => {
    expect(pickHeadset([hid(0x05ac, 'keyboard'), hid(0x047f, 'poly')])).toBe('poly');
    expect(pickHeadset([hid(0x05ac, 'keyboard')])).toBeNull();
  });

  it('answers select-hid-device with the headset for the app page and nothing for another frame', () => {
    const ses = session.defaultSession;
    installPermissionHandlers(ses as never, appUrl);
    const devices = [hid(0x05ac, 'keyboard'), hid(0x0b0e, 'jabra')];
    const own = { preventDefault: vi.fn() };
    const callback = vi.fn();
    ses.emit('select-hid-device', own, { deviceList: devices, frame: { url: OWN } }, callback);
    expect(own.preventDefault).toHaveBeenCalled();
    expect(callback).toHaveBeenCalledWith('jabra');
    const foreign = vi.fn();
    ses.emit(
      'select-hid-device',
      { preventDefault: vi.fn() },
      { deviceList: devices, frame: { url: 'https://evil.example/' } },
      foreign,
    );
    expect(foreign).toHaveBeenCalledWith(null);
  });

  it('installs a device permission handler that refuses unknown vendors', () => {
    installPermissionHandlers(session.defaultSession as never, appUrl);
    const handler = session.defaultSession.setDevicePermissionHandler.mock.calls[0]?.[0] as (d: unknown) => boolean;
    expect(handler({ deviceType: 'hid', origin: 'file://', device: hid(0x0b0e) })).toBe(true);
    expect(handler({ deviceType: 'hid', origin: 'file://', device: hid(0xdead) })).toBe(false);
  });
});

describe('page permissions', () => {
  it('grants the microphone and notifications to the app page only', () => {
    expect(allowPermissionRequest(appUrl, 'media', OWN, ['audio'])).toBe(true);
    expect(allowPermissionRequest(appUrl, 'notifications', OWN)).toBe(true);
    expect(allowPermissionRequest(appUrl, 'media', 'https://evil.example/', ['audio'])).toBe(false);
  });

  it('refuses the camera: a softphone has no use for it', () => {
    expect(allowPermissionRequest(appUrl, 'media', OWN, ['audio', 'video'])).toBe(false);
    expect(allowPermissionCheck(appUrl, 'media', 'file://', 'video')).toBe(false);
  });

  it('refuses every other permission, even to the app page', () => {
    for (const permission of ['geolocation', 'clipboard-read', 'openExternal', 'midiSysex'] as const) {
      expect(allowPermissionRequest(appUrl, permission, OWN)).toBe(false);
    }
    expect(allowPermissionCheck(appUrl, 'serial', 'file://')).toBe(false);
    expect(allowPermissionCheck(appUrl, 'hid', 'file://')).toBe(true);
  });

  it('refuses a request from a sub-frame', () => {
    installPermissionHandlers(session.defaultSession as never, appUrl);
    const handler = session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      ...args: unknown[]
    ) => void;
    const callback = vi.fn();
    handler({}, 'media', callback, { isMainFrame: false, requestingUrl: OWN, mediaTypes: ['audio'] });
    expect(callback).toHaveBeenCalledWith(false);
  });
});
