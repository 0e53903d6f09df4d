// baresip (Debian `baresip`, 1.0) as a real SIP peer in the lab: registered to Kamailio over UDP, it auto-answers,
// follows a REFER (blind or with Replaces) and takes commands on a UDP console (`cons` module + `menu`).
// Config generated in a temp dir; no audio device needed (a generated tone through aufile, aubridge as player).
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeMediaPort, findFreePort, type Lab } from '../../lab/lab';
import { spawnLogged, stopProcess, waitUntil } from '../../lab/proc';

export const BARESIP_PATH = '/usr/bin/baresip';

export interface Baresip {
  user: string;
  sipPort: number;
  dir: string;
  /** Everything baresip printed so far (events: "Call established", "transferring call to …"). */
  output(): string;
  /** A console command, e.g. '/dial sip:0142000001@permanence.lab', '/hangup'. */
  command(line: string): Promise<void>;
  /** Resolves once `pattern` appears in the output after `from` (an output length); rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs: number, from?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A 440 Hz tone, 8 kHz mono 16-bit PCM (aufile wants the codec's rate): what baresip sends as its voice. */
function toneWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i += 1)
    wav.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return wav;
}

/** Start baresip registered as `user` (bob, carol…) and wait for its 200 OK to REGISTER. */
export async function startBaresip(
  lab: Lab,
  user: string,
  opts: { answer?: 'auto' | 'manual' } = {},
): Promise<Baresip> {
  const creds = lab.user(user);
  const dir = mkdtempSync(join(tmpdir(), `baresip-${user}-`));
  const sipPort = await findFreePort('both');
  const consPort = await findFreePort('udp');
  const rtpBase = await findFreeMediaPort();
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${user}@${lab.domain}>;auth_user=${creds.user};auth_pass=${creds.password};` +
      `outbound="sip:127.0.0.1:${lab.udpPort};transport=udp";regint=300;` +
      `answermode=${opts.answer ?? 'auto'};audio_codecs=PCMA,PCMU;ptime=20\n`,
  );
  writeFileSync(
    join(dir, 'config'),
    [
      `sip_listen 127.0.0.1:${sipPort}`,
      'net_interface 127.0.0.1',
      'dns_server 127.0.0.1:53',
      'audio_player aubridge,nowhere',
      `audio_source aufile,${join(dir, 'tone.wav')}`,
      'audio_alert aubridge,nowhere',
      'audio_srate 8000',
      'audio_channels 1',
      `rtp_ports ${rtpBase}-${rtpBase + 40}`,
      'rtp_timeout 0',
      'module_path /usr/lib/baresip/modules',
      'module g711.so',
      'module aubridge.so',
      'module aufile.so',
      'module cons.so',
      'module_app account.so',
      'module_app menu.so',
      `cons_listen 127.0.0.1:${consPort}`,
      'call_max_calls 4',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'contacts'), '');
  writeFileSync(join(dir, 'tone.wav'), toneWav(180));
  const logFile = join(dir, 'baresip.log');
  const proc = spawnLogged(BARESIP_PATH, ['-f', dir, '-4'], { stdoutFile: logFile, cwd: dir });
  const output = () => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return '';
    }
  };
  const waitFor = (pattern: RegExp, timeoutMs: number, from = 0) =>
    waitUntil(`baresip ${user}: ${pattern}`, () => pattern.test(output().slice(from)), timeoutMs).catch((e: Error) => {
      throw new Error(`${e.message}\n--- baresip output ---\n${output().slice(-3000)}`);
    });
  const command = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const sock = createSocket('udp4');
      sock.send(`${line}\n`, consPort, '127.0.0.1', (err) => {
        sock.close();
        if (err) reject(err);
        else resolve();
      });
    });
  try {
    await waitFor(/200 OK|\bOK\b.*registered|registered successfully/i, 10_000);
  } catch (e) {
    await stopProcess(proc, 1000);
    if (process.env.LAB_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    user,
    sipPort,
    dir,
    output,
    command,
    waitFor,
    async stop() {
      await command('/quit').catch(() => undefined);
      await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 1500))]);
      await stopProcess(proc, 1000);
      if (process.env.LAB_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
    },
  };
}
