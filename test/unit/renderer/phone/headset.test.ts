import { describe, expect, it, vi } from 'vitest';
import { applyHeadsetAction, headsetState } from '../../../../renderer/features/ring/use-headset';
import type { Phone } from '../../../../renderer/phone';
import {
  createHeadsetController,
  telephonyLayout,
  USAGE,
  type HeadsetAction,
  type HidCollectionInfo,
  type HidDeviceLike,
  type HidInputReportEventLike,
  type HidLike,
} from '../../../../renderer/phone/headset';
import { createPhoneStore } from '../../../../renderer/phone/store';
import type { CallView } from '../../../../renderer/phone/types';

/** A Jabra-like Telephony Headset collection: keypad range, hook switch (absolute), busy tone, mute (relative). */
const jabraCollections: HidCollectionInfo[] = [
  {
    usagePage: 0x0c,
    usage: 0x01,
    inputReports: [{ reportId: 1, items: [{ usages: [0x000c00e9], reportSize: 1, reportCount: 8 }] }],
  },
  {
    usagePage: 0x0b,
    usage: 0x05,
    inputReports: [
      {
        reportId: 3,
        items: [
          {
            isAbsolute: true,
            isRange: true,
            usageMinimum: 0x000b00b0,
            usageMaximum: 0x000b00bb,
            reportSize: 1,
            reportCount: 12,
          },
          { isAbsolute: true, usages: [0x000b0020], reportSize: 1, reportCount: 1 }, // hook switch: bit 12
          { isAbsolute: true, usages: [0x000b0097], reportSize: 1, reportCount: 1 }, // line busy tone: ignored
          { isAbsolute: false, usages: [0x000b002f], reportSize: 1, reportCount: 1 }, // phone mute: bit 14
          { isConstant: true, usages: [], reportSize: 1, reportCount: 1 },
        ],
      },
    ],
    outputReports: [
      {
        reportId: 2,
        items: [
          { isAbsolute: true, usages: [0x00080017], reportSize: 1, reportCount: 1 }, // LED off-hook: bit 0
          { isAbsolute: true, usages: [0x00080009], reportSize: 1, reportCount: 1 }, // LED mute: bit 1
          { isAbsolute: true, usages: [0x00080018], reportSize: 1, reportCount: 1 }, // LED ring: bit 2
          { isConstant: true, usages: [], reportSize: 5, reportCount: 1 },
        ],
      },
      {
        reportId: 4,
        items: [
          { isConstant: true, usages: [], reportSize: 3, reportCount: 1 },
          { isAbsolute: true, usages: [0x000b009e], reportSize: 1, reportCount: 1 }, // ringer: bit 3
          { isConstant: true, usages: [], reportSize: 4, reportCount: 1 },
        ],
      },
    ],
  },
];

class FakeDevice implements HidDeviceLike {
  opened = false;
  vendorId = 0x0b0e;
  productId = 0x0343;
  sent: { reportId: number; bytes: number[] }[] = [];
  private listeners = new Set<(e: HidInputReportEventLike) => void>();
  constructor(
    readonly collections: HidCollectionInfo[],
    readonly productName = 'Jabra Evolve2 65',
  ) {}
  async open() {
    this.opened = true;
  }
  async close() {
    this.opened = false;
  }
  async sendReport(reportId: number, data: Uint8Array) {
    this.sent.push({ reportId, bytes: [...data] });
  }
  addEventListener(_type: 'inputreport', l: (e: HidInputReportEventLike) => void) {
    this.listeners.add(l);
  }
  removeEventListener(_type: 'inputreport', l: (e: HidInputReportEventLike) => void) {
    this.listeners.delete(l);
  }
  /** The headset sends input report 3 with these controls set. */
  report(controls: { hook?: boolean; mute?: boolean; busy?: boolean }) {
    const hi = (controls.hook ? 1 << 4 : 0) | (controls.busy ? 1 << 5 : 0) | (controls.mute ? 1 << 6 : 0);
    const data = new DataView(new Uint8Array([0, hi]).buffer);
    for (const l of this.listeners) l({ reportId: 3, data });
  }
  get listening() {
    return this.listeners.size;
  }
}

function fakeHid(devices: FakeDevice[]) {
  const requests: unknown[] = [];
  const hid: HidLike = {
    getDevices: async () => devices,
    requestDevice: async (options) => {
      requests.push(options);
      return devices;
    },
  };
  return { hid, requests };
}

async function connected(device = new FakeDevice(jabraCollections)) {
  const actions: HeadsetAction[] = [];
  const { hid, requests } = fakeHid([device]);
  const controller = createHeadsetController({ hid, onAction: (a) => actions.push(a) });
  const info = await controller.connectGranted();
  return { device, controller, actions, info, requests, hid };
}

describe('headset descriptor', () => {
  it('maps the hook switch, mute and LED usages to their bit positions, skipping ranges and padding', () => {
    const layout = telephonyLayout({ collections: jabraCollections })!;
    expect(layout.inputs.map((f) => [f.usage, f.reportId, f.bitOffset, f.isAbsolute])).toEqual([
      [USAGE.hookSwitch, 3, 12, true],
      [USAGE.phoneMute, 3, 14, false],
    ]);
    expect(layout.outputs.map((f) => [f.usage, f.reportId, f.bitOffset])).toEqual([
      [USAGE.ledOffHook, 2, 0],
      [USAGE.ledMute, 2, 1],
      [USAGE.ledRing, 2, 2],
      [USAGE.ringer, 4, 3],
    ]);
  });

  it('ignores a device without a Telephony collection (a keyboard, a consumer-control-only device)', async () => {
    const keyboard = new FakeDevice([jabraCollections[0]!], 'Keyboard');
    const { controller, info } = await connected(keyboard);
    expect(info).toBeNull();
    expect(keyboard.opened).toBe(false);
    expect(keyboard.listening).toBe(0);
    controller.setState({ ringing: true, offHook: false, muted: false });
    expect(keyboard.sent).toEqual([]);
  });
});

describe('headset buttons', () => {
  it('opens the permitted headset and reports its name', async () => {
    const { device, info } = await connected();
    expect(device.opened).toBe(true);
    expect(info).toEqual({ productName: 'Jabra Evolve2 65', vendorId: 0x0b0e, productId: 0x0343 });
  });

  it('hook switch 0→1 is off-hook (answer), 1→0 is on-hook (hang up)', async () => {
    const { device, controller, actions } = await connected();
    controller.setState({ ringing: true, offHook: false, muted: false });
    device.report({ hook: true });
    expect(actions).toEqual(['off-hook']);
    controller.setState({ ringing: false, offHook: true, muted: false });
    device.report({ hook: false });
    expect(actions).toEqual(['off-hook', 'on-hook']);
  });

  it('repeated identical reports do not repeat the action', async () => {
    const { device, actions } = await connected();
    device.report({ hook: true });
    device.report({ hook: true });
    device.report({ hook: true, busy: true });
    expect(actions).toEqual(['off-hook']);
  });

  it('the mute button toggles once per press (press then release)', async () => {
    const { device, controller, actions } = await connected();
    controller.setState({ ringing: false, offHook: true, muted: false });
    device.report({ hook: true }); // echo of the host's off-hook: not a press
    device.report({ hook: true, mute: true });
    device.report({ hook: true, mute: true });
    device.report({ hook: true, mute: false });
    device.report({ hook: true, mute: true });
    device.report({ hook: true, mute: false });
    expect(actions).toEqual(['toggle-mute', 'toggle-mute']);
  });

  it('the headset echoing the off-hook state the app set (answered or hung up from the app) is no button press', async () => {
    const { device, controller, actions } = await connected();
    controller.setState({ ringing: false, offHook: true, muted: false });
    device.report({ hook: true });
    controller.setState({ ringing: false, offHook: false, muted: false });
    device.report({ hook: false });
    expect(actions).toEqual([]);
  });

  it('pairing asks for Telephony devices only', async () => {
    const { controller, requests } = await connected();
    await controller.pair();
    expect(requests).toEqual([{ filters: [{ usagePage: 0x0b }] }]);
  });
});

describe('headset indicators', () => {
  it('writes the ring, off-hook and mute bits in the output reports, only when they change', async () => {
    const { device, controller } = await connected();
    device.sent = [];
    controller.setState({ ringing: true, offHook: false, muted: false });
    expect(device.sent).toEqual([
      { reportId: 2, bytes: [0b100] },
      { reportId: 4, bytes: [0b1000] },
    ]);
    device.sent = [];
    controller.setState({ ringing: true, offHook: false, muted: false });
    expect(device.sent).toEqual([]);
    controller.setState({ ringing: false, offHook: true, muted: true });
    expect(device.sent).toEqual([
      { reportId: 2, bytes: [0b011] },
      { reportId: 4, bytes: [0] },
    ]);
  });

  it('dispose leaves the headset idle and closed', async () => {
    const { device, controller } = await connected();
    controller.setState({ ringing: false, offHook: true, muted: false });
    device.sent = [];
    await controller.dispose();
    expect(device.sent).toEqual([
      { reportId: 2, bytes: [0] },
      { reportId: 4, bytes: [0] },
    ]);
    expect(device.opened).toBe(false);
    expect(device.listening).toBe(0);
  });
});

describe('headset actions on the phone', () => {
  const call = (patch: Partial<CallView>): CallView =>
    ({
      id: 'c1',
      direction: 'inbound',
      state: 'active',
      ignored: false,
      held: false,
      muted: false,
      ...patch,
    }) as CallView;
  function fakePhone(calls: CallView[]) {
    const store = createPhoneStore(() => 0);
    store.setState({ calls });
    const phone = {
      store,
      calls: { answer: vi.fn(async () => undefined), hangup: vi.fn(async () => undefined), setMuted: vi.fn() },
    };
    return phone as unknown as Phone & { calls: typeof phone.calls };
  }

  it('off-hook answers the ringing call', () => {
    const phone = fakePhone([call({ id: 'r', state: 'ringing' })]);
    applyHeadsetAction(phone, 'off-hook');
    expect(phone.calls.answer).toHaveBeenCalledWith('r');
    expect(headsetState(phone.store.getState())).toEqual({ ringing: true, offHook: false, muted: false });
  });

  it('on-hook hangs up the call in progress, never the second call ringing', () => {
    const phone = fakePhone([call({ id: 'a' }), call({ id: 'r', state: 'ringing' })]);
    applyHeadsetAction(phone, 'on-hook');
    expect(phone.calls.hangup).toHaveBeenCalledWith('a');
    expect(phone.calls.hangup).toHaveBeenCalledTimes(1);
  });

  it('mute toggles the active call and the headset shows it', () => {
    const phone = fakePhone([call({ id: 'a', muted: true })]);
    applyHeadsetAction(phone, 'toggle-mute');
    expect(phone.calls.setMuted).toHaveBeenCalledWith('a', false);
    expect(headsetState(phone.store.getState())).toEqual({ ringing: false, offHook: true, muted: true });
  });

  it('no call: the buttons do nothing', () => {
    const phone = fakePhone([]);
    for (const a of ['off-hook', 'on-hook', 'toggle-mute', 'flash'] as const) applyHeadsetAction(phone, a);
    expect(phone.calls.answer).not.toHaveBeenCalled();
    expect(phone.calls.hangup).not.toHaveBeenCalled();
    expect(phone.calls.setMuted).not.toHaveBeenCalled();
  });
});
