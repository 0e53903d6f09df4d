import ringUrl from '../../assets/ringtone.wav?url';
import waitingUrl from '../../assets/call-waiting.wav?url';
import ringbackUrl from '../../assets/ringback.wav?url';
import type { Ringer } from './types';

type SinkAudio = HTMLAudioElement & { setSinkId?(id: string): Promise<void> };

/**
 * Local sounds through <audio> elements: the ringtone on the ring device (separate from the call device, so the
 * ring can come out of the loudspeaker while calls go to the headset), the call-waiting tone and the ringback on
 * the call device.
 */
export function createAudioRinger(log: (line: string) => void = () => undefined): Ringer {
  const make = (kind: string, src: string): SinkAudio => {
    const el = document.createElement('audio') as SinkAudio;
    el.src = src;
    el.loop = true;
    el.preload = 'auto';
    // In the document (hidden) so diagnostics and the E2E can see which sound plays on which device. One ringer
    // lives at a time (a new line replaces the old one): its elements replace the previous ringer's.
    el.hidden = true;
    el.dataset.sound = kind;
    document.querySelectorAll(`audio[data-sound="${kind}"]`).forEach((old) => old.remove());
    document.body.append(el);
    return el;
  };
  const elements = {
    ring: make('ring', ringUrl),
    waiting: make('waiting', waitingUrl),
    ringback: make('ringback', ringbackUrl),
  };
  const playing = new Set<keyof typeof elements>();

  async function sink(el: SinkAudio, deviceId: string) {
    try {
      await el.setSinkId?.(deviceId);
    } catch (e) {
      log(`setSinkId: ${(e as Error).name}`);
    }
  }

  return {
    start(kind) {
      if (playing.has(kind)) return;
      playing.add(kind);
      const el = elements[kind];
      el.currentTime = 0;
      // Autoplay must be allowed (Electron switch autoplay-policy=no-user-gesture-required) or the first ring is silent.
      void el.play().catch((e: Error) => log(`sound ${kind}: ${e.name}`));
    },
    stop(kind) {
      for (const k of kind ? [kind] : (['ring', 'waiting', 'ringback'] as const)) {
        if (!playing.delete(k)) continue;
        elements[k].pause();
      }
    },
    setRingDevice: (deviceId) => sink(elements.ring, deviceId),
    async setCallDevice(deviceId) {
      await sink(elements.waiting, deviceId);
      await sink(elements.ringback, deviceId);
    },
  };
}

export function silentRinger(): Ringer {
  return {
    start: () => undefined,
    stop: () => undefined,
    setRingDevice: async () => undefined,
    setCallDevice: async () => undefined,
  };
}

/** Lists the machine's audio devices (labels appear once the microphone permission was granted). */
export async function listAudioDevices(): Promise<{ inputs: MediaDeviceInfo[]; outputs: MediaDeviceInfo[] }> {
  const devices = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  return {
    inputs: devices.filter((d) => d.kind === 'audioinput'),
    outputs: devices.filter((d) => d.kind === 'audiooutput'),
  };
}

/** Calls `onChange` when an audio device is plugged in or removed (`devicechange`); returns the unsubscribe. */
export function onAudioDevicesChange(onChange: () => void): () => void {
  const media = navigator.mediaDevices;
  if (!media?.addEventListener) return () => undefined;
  media.addEventListener('devicechange', onChange);
  return () => media.removeEventListener('devicechange', onChange);
}

/** Mic test: resolves with the peak level (0–1) heard on the microphone during `ms`. */
export async function testMicrophone(deviceId: string, ms = 1500): Promise<number> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: deviceId ? { deviceId: { exact: deviceId } } : true,
  });
  const context = new AudioContext();
  try {
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(stream).connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    let peak = 0;
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getByteTimeDomainData(data);
      for (const v of data) peak = Math.max(peak, Math.abs(v - 128) / 128);
    }
    return peak;
  } finally {
    stream.getTracks().forEach((t) => t.stop());
    void context.close();
  }
}
