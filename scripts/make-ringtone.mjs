// Writes the softphone's sounds to assets/ (16-bit mono PCM WAV): run `node scripts/make-ringtone.mjs`.
// ringtone.wav: a soft three-note chime (bell-like partials, gentle decay) then silence, looped by the app.
// call-waiting.wav: two short 440 Hz beeps then silence (a second call during a call).
// ringback.wav: the French ringback, 440 Hz for 1.5 s then 3.5 s of silence (an outgoing call ringing).
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
mkdirSync(assets, { recursive: true });

function wav(samples, rate) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.max(-1, Math.min(1, s)) * 32767, i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

function render(seconds, rate, fn) {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = fn(i / rate);
  return out;
}

// A bell-ish note: fundamental plus softer inharmonic partials, quick attack, exponential decay.
function bell(t, start, freq) {
  const x = t - start;
  if (x < 0) return 0;
  const attack = Math.min(1, x / 0.008);
  const env = attack * Math.exp(-x * 3.2);
  return (
    env *
    (Math.sin(2 * Math.PI * freq * x) +
      0.35 * Math.sin(2 * Math.PI * freq * 2.01 * x) +
      0.12 * Math.sin(2 * Math.PI * freq * 3.98 * x))
  );
}

const RATE = 16000;
// E5, G#5, B5 (an E major arpeggio), twice, then quiet until the loop restarts at 3 s.
const notes = [
  [0.0, 659.25],
  [0.16, 830.61],
  [0.32, 987.77],
  [0.9, 659.25],
  [1.06, 830.61],
  [1.22, 987.77],
];
const ring = render(3.0, RATE, (t) => 0.28 * notes.reduce((sum, [start, f]) => sum + bell(t, start, f), 0));
writeFileSync(join(assets, 'ringtone.wav'), wav(ring, RATE));

const beep = (t, start) => (t >= start && t < start + 0.2 ? 0.25 * Math.sin(2 * Math.PI * 440 * t) : 0);
writeFileSync(
  join(assets, 'call-waiting.wav'),
  wav(
    render(3.0, 8000, (t) => beep(t, 0) + beep(t, 0.35)),
    8000,
  ),
);
writeFileSync(
  join(assets, 'ringback.wav'),
  wav(
    render(5.0, 8000, (t) => (t < 1.5 ? 0.2 * Math.sin(2 * Math.PI * 440 * t) : 0)),
    8000,
  ),
);
console.log(`sounds written to ${assets}`);
