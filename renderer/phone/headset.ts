/**
 * HID headsets over WebHID: the Telephony usage page's hook switch and mute button drive the phone, and the
 * headset's LEDs / ringer follow the call through output reports. Typed with a minimal local view of the WebHID
 * API (the DOM lib has no WebHID types), so unit tests pass a plain fake device.
 *
 * Usages in WebHID report items are "extended": (usage page << 16) | usage id.
 */

export const TELEPHONY_PAGE = 0x0b;
export const LED_PAGE = 0x08;
const usage = (page: number, id: number) => page * 0x10000 + id;

export const USAGE = {
  headset: 0x05,
  phone: 0x01,
  hookSwitch: usage(TELEPHONY_PAGE, 0x20),
  flash: usage(TELEPHONY_PAGE, 0x21),
  phoneMute: usage(TELEPHONY_PAGE, 0x2f),
  ringer: usage(TELEPHONY_PAGE, 0x9e),
  ledMute: usage(LED_PAGE, 0x09),
  ledOffHook: usage(LED_PAGE, 0x17),
  ledRing: usage(LED_PAGE, 0x18),
} as const;

export interface HidReportItem {
  isAbsolute?: boolean;
  isConstant?: boolean;
  isRange?: boolean;
  usageMinimum?: number;
  usageMaximum?: number;
  usages?: number[];
  reportSize: number;
  reportCount: number;
}
export interface HidReportInfo {
  reportId: number;
  items?: HidReportItem[];
}
export interface HidCollectionInfo {
  usagePage: number;
  usage: number;
  children?: HidCollectionInfo[];
  inputReports?: HidReportInfo[];
  outputReports?: HidReportInfo[];
}
export interface HidInputReportEventLike {
  reportId: number;
  data: DataView;
}
export interface HidDeviceLike {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: HidCollectionInfo[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: Uint8Array): Promise<void>;
  addEventListener(type: 'inputreport', listener: (event: HidInputReportEventLike) => void): void;
  removeEventListener(type: 'inputreport', listener: (event: HidInputReportEventLike) => void): void;
}
export interface HidLike {
  getDevices(): Promise<HidDeviceLike[]>;
  requestDevice(options: { filters: { usagePage?: number; vendorId?: number }[] }): Promise<HidDeviceLike[]>;
  addEventListener?(type: 'connect' | 'disconnect', listener: (event: { device: HidDeviceLike }) => void): void;
  removeEventListener?(type: 'connect' | 'disconnect', listener: (event: { device: HidDeviceLike }) => void): void;
}

/** navigator.hid where the browser has WebHID (Chromium, Electron), else null (jsdom, Firefox). */
export function browserHid(): HidLike | null {
  if (typeof navigator === 'undefined') return null;
  return (navigator as unknown as { hid?: HidLike }).hid ?? null;
}

/** One usage's place in a report: bit offset from the first data byte (the report ID is not in `data`). */
export interface HidField {
  reportId: number;
  usage: number;
  bitOffset: number;
  bitSize: number;
  isAbsolute: boolean;
}
export interface TelephonyLayout {
  inputs: HidField[];
  outputs: HidField[];
  /** Byte length of each output report's data, by report ID. */
  outputLengths: Map<number, number>;
}

/** The Telephony Headset (or Phone) top-level collection, or null: a device without one is not a headset for us. */
export function telephonyCollection(device: Pick<HidDeviceLike, 'collections'>): HidCollectionInfo | null {
  return (
    device.collections.find(
      (c) => c.usagePage === TELEPHONY_PAGE && (c.usage === USAGE.headset || c.usage === USAGE.phone),
    ) ?? null
  );
}

function reportsOf(collection: HidCollectionInfo, kind: 'inputReports' | 'outputReports'): HidReportInfo[] {
  const byId = new Map<number, HidReportInfo>();
  const visit = (c: HidCollectionInfo, depth: number) => {
    for (const r of c[kind] ?? []) if (!byId.has(r.reportId)) byId.set(r.reportId, r);
    if (depth < 8) for (const child of c.children ?? []) visit(child, depth + 1);
  };
  visit(collection, 0);
  return [...byId.values()];
}

function usageAt(item: HidReportItem, index: number, page: number): number | null {
  let u: number | undefined;
  if (item.isRange) {
    const min = item.usageMinimum ?? 0;
    u = min + index;
    if (item.usageMaximum !== undefined && u > item.usageMaximum) return null;
  } else {
    const list = item.usages ?? [];
    u = list[Math.min(index, list.length - 1)];
  }
  if (u === undefined) return null;
  return u < 0x10000 ? usage(page, u) : u; // a bare usage id belongs to the collection's page
}

function fieldsOf(reports: HidReportInfo[], page: number, wanted: ReadonlySet<number>) {
  const fields: HidField[] = [];
  const lengths = new Map<number, number>();
  for (const report of reports) {
    let bit = 0;
    for (const item of report.items ?? []) {
      for (let i = 0; i < item.reportCount; i++) {
        const u = item.isConstant ? null : usageAt(item, i, page);
        if (u !== null && wanted.has(u) && !fields.some((f) => f.usage === u)) {
          fields.push({
            reportId: report.reportId,
            usage: u,
            bitOffset: bit,
            bitSize: item.reportSize,
            isAbsolute: item.isAbsolute ?? true,
          });
        }
        bit += item.reportSize;
      }
    }
    lengths.set(report.reportId, Math.ceil(bit / 8));
  }
  return { fields, lengths };
}

const INPUT_USAGES = new Set<number>([USAGE.hookSwitch, USAGE.phoneMute, USAGE.flash]);
const OUTPUT_USAGES = new Set<number>([USAGE.ledOffHook, USAGE.ledRing, USAGE.ledMute, USAGE.ringer]);

/** Where the hook switch, mute and flash are in the input reports, and the LEDs / ringer in the output reports. */
export function telephonyLayout(device: Pick<HidDeviceLike, 'collections'>): TelephonyLayout | null {
  const collection = telephonyCollection(device);
  if (!collection) return null;
  const inputs = fieldsOf(reportsOf(collection, 'inputReports'), TELEPHONY_PAGE, INPUT_USAGES);
  const outputs = fieldsOf(reportsOf(collection, 'outputReports'), TELEPHONY_PAGE, OUTPUT_USAGES);
  const outputLengths = new Map<number, number>();
  for (const f of outputs.fields) outputLengths.set(f.reportId, outputs.lengths.get(f.reportId) ?? 0);
  return { inputs: inputs.fields, outputs: outputs.fields, outputLengths };
}

function readField(data: DataView, field: HidField): number {
  let value = 0;
  for (let i = 0; i < Math.min(field.bitSize, 31); i++) {
    const bit = field.bitOffset + i;
    const byte = bit >> 3;
    if (byte >= data.byteLength) break;
    if ((data.getUint8(byte) >> (bit & 7)) & 1) value |= 1 << i;
  }
  return value;
}

function writeBit(bytes: Uint8Array, field: HidField, on: boolean): void {
  const byte = field.bitOffset >> 3;
  if (byte >= bytes.length) return;
  const mask = 1 << (field.bitOffset & 7);
  bytes[byte] = on ? (bytes[byte] ?? 0) | mask : (bytes[byte] ?? 0) & ~mask;
}

export type HeadsetAction = 'off-hook' | 'on-hook' | 'toggle-mute' | 'flash';
export interface HeadsetState {
  ringing: boolean;
  offHook: boolean;
  muted: boolean;
}
export interface HeadsetInfo {
  productName: string;
  vendorId: number;
  productId: number;
}

/**
 * Edge-triggered decoding of one device's input reports; stateful (the previous value of each control), so a
 * repeated identical report does nothing. `offHook` is the state the host last set: an absolute hook switch that
 * only echoes it (the app answered or hung up) is not a button press; a relative hook switch (a press, then a
 * release) toggles it.
 */
export function createReportDecoder(layout: TelephonyLayout) {
  const previous = new Map<number, number>();
  return (event: HidInputReportEventLike, offHook: boolean): HeadsetAction[] => {
    const out: HeadsetAction[] = [];
    for (const field of layout.inputs) {
      if (field.reportId !== event.reportId) continue;
      const value = readField(event.data, field) ? 1 : 0;
      const before = previous.get(field.usage) ?? 0;
      previous.set(field.usage, value);
      if (value === before) continue;
      if (field.usage === USAGE.hookSwitch) {
        if (field.isAbsolute) {
          if (!!value !== offHook) out.push(value ? 'off-hook' : 'on-hook');
        } else if (value === 1) out.push(offHook ? 'on-hook' : 'off-hook');
      } else if (value === 1 && field.usage === USAGE.phoneMute) out.push('toggle-mute');
      else if (value === 1 && field.usage === USAGE.flash) out.push('flash');
    }
    return out;
  };
}

/** The output reports (report ID → data bytes) that put the headset in `state`. */
export function outputReports(layout: TelephonyLayout, state: HeadsetState): Map<number, Uint8Array> {
  const reports = new Map<number, Uint8Array>();
  for (const [id, length] of layout.outputLengths) reports.set(id, new Uint8Array(length));
  for (const field of layout.outputs) {
    const bytes = reports.get(field.reportId);
    if (!bytes) continue;
    const on =
      field.usage === USAGE.ledOffHook
        ? state.offHook
        : field.usage === USAGE.ledMute
          ? state.muted && state.offHook
          : state.ringing; // LED Ring and Telephony Ringer
    writeBit(bytes, field, on);
  }
  return reports;
}

const PAIR_FILTERS = { filters: [{ usagePage: TELEPHONY_PAGE }] };

/**
 * Asks the browser for a telephony headset (needs a user gesture; Electron's main picks among known makers) and
 * returns it without opening it: the phone's controller attaches it (see HEADSET_PAIRED_EVENT).
 */
export async function requestHeadset(hid: HidLike): Promise<HidDeviceLike | null> {
  const devices = await hid.requestDevice(PAIR_FILTERS);
  return devices.find((d) => telephonyCollection(d)) ?? null;
}

export interface HeadsetControllerDeps {
  hid: HidLike;
  onAction(action: HeadsetAction): void;
  log?(line: string): void;
  /** Told when the connected headset changes (null when it goes away). */
  onDevice?(info: HeadsetInfo | null): void;
}

export interface HeadsetController {
  /** Attaches the first already-permitted telephony headset (in Electron, main grants known headset vendors). */
  connectGranted(): Promise<HeadsetInfo | null>;
  /** Asks for a headset (Chromium needs a user gesture: call it from a click) and attaches it. */
  pair(): Promise<HeadsetInfo | null>;
  /** The call's state: the headset's off-hook / ring / mute indicators follow it. */
  setState(state: HeadsetState): void;
  current(): HeadsetInfo | null;
  dispose(): Promise<void>;
}

const infoOf = (d: HidDeviceLike): HeadsetInfo => ({
  productName: d.productName,
  vendorId: d.vendorId,
  productId: d.productId,
});

export function createHeadsetController(deps: HeadsetControllerDeps): HeadsetController {
  const log = deps.log ?? (() => undefined);
  let device: HidDeviceLike | null = null;
  let layout: TelephonyLayout | null = null;
  let decode: ReturnType<typeof createReportDecoder> | null = null;
  let state: HeadsetState = { ringing: false, offHook: false, muted: false };
  const sent = new Map<number, string>();
  let disposed = false;

  const onReport = (event: HidInputReportEventLike) => {
    if (!decode) return;
    for (const action of decode(event, state.offHook)) {
      log(`headset: ${action}`);
      deps.onAction(action);
    }
  };

  function detach(): void {
    device?.removeEventListener('inputreport', onReport);
    device = null;
    layout = null;
    decode = null;
    sent.clear();
  }

  async function attach(candidates: HidDeviceLike[]): Promise<HeadsetInfo | null> {
    if (disposed) return null;
    for (const candidate of candidates) {
      const found = telephonyLayout(candidate);
      if (!found) continue;
      if (device === candidate) return infoOf(candidate);
      try {
        if (!candidate.opened) await candidate.open();
      } catch (e) {
        log(`headset: cannot open ${candidate.productName}: ${(e as Error).message}`);
        continue;
      }
      if (disposed) return null;
      const old = device;
      detach();
      if (old && old !== candidate) await old.close().catch(() => undefined);
      device = candidate;
      layout = found;
      decode = createReportDecoder(found);
      candidate.addEventListener('inputreport', onReport);
      log(`headset: ${candidate.productName} (${found.inputs.length} controls, ${found.outputs.length} indicators)`);
      deps.onDevice?.(infoOf(candidate));
      flush();
      return infoOf(candidate);
    }
    return device ? infoOf(device) : null;
  }

  function flush(): void {
    if (!device || !layout) return;
    const target = device;
    for (const [id, bytes] of outputReports(layout, state)) {
      const key = bytes.join(',');
      if (sent.get(id) === key) continue;
      sent.set(id, key);
      target.sendReport(id, bytes).catch((e: Error) => {
        sent.delete(id);
        log(`headset: output report ${id}: ${e.message}`);
      });
    }
  }

  const onConnect = (event: { device: HidDeviceLike }) => {
    if (!device) void attach([event.device]);
  };
  const onDisconnect = (event: { device: HidDeviceLike }) => {
    if (event.device !== device) return;
    detach();
    deps.onDevice?.(null);
  };
  deps.hid.addEventListener?.('connect', onConnect);
  deps.hid.addEventListener?.('disconnect', onDisconnect);

  return {
    async connectGranted() {
      return attach(await deps.hid.getDevices());
    },
    async pair() {
      return attach(await deps.hid.requestDevice(PAIR_FILTERS));
    },
    setState(next) {
      state = { ...next };
      flush();
    },
    current: () => (device ? infoOf(device) : null),
    async dispose() {
      disposed = true;
      deps.hid.removeEventListener?.('connect', onConnect);
      deps.hid.removeEventListener?.('disconnect', onDisconnect);
      const old = device;
      if (old && layout) {
        // Leave the headset idle: no LED stuck on after the app closes.
        for (const [id, bytes] of outputReports(layout, { ringing: false, offHook: false, muted: false })) {
          await old.sendReport(id, bytes).catch(() => undefined);
        }
      }
      detach();
      if (old) await old.close().catch(() => undefined);
    },
  };
}

/** Window event the settings' "Associer un casque" fires after a successful pairing, so the phone attaches it. */
export const HEADSET_PAIRED_EVENT = 'permanence:headset-paired';
