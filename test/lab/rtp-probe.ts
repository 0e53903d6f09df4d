// A tiny RTP endpoint in Node: point a sipp UAS's SDP at it (vars rtp_port) to count the audio that
// reaches "the far end" and decode RFC 4733 telephone-events (DTMF). sipp 3.6 can echo RTP but
// cannot report what it received, so this is the practical proof that DTMF arrives at the far end.
import { createSocket, type RemoteInfo } from 'node:dgram';
import { findFreeMediaPort } from './ports';

export interface RtpProbeStats {
  packets: number;
  byPayloadType: Record<number, number>;
  /** Digits decoded from RFC 4733 events, one per event (retransmitted end packets folded). */
  digits: string;
  firstPacketAt: number | null;
  lastPacketAt: number | null;
}

export interface RtpProbe {
  port: number;
  stats(): RtpProbeStats;
  /** Resolves once `predicate(stats)` holds; rejects after timeoutMs. */
  waitFor(predicate: (s: RtpProbeStats) => boolean, timeoutMs: number): Promise<RtpProbeStats>;
  close(): Promise<void>;
}

const EVENT_CHARS = '0123456789*#ABCD';

/** RFC 3550 header length (fixed 12 + CSRCs + extension) or -1 if not RTP v2. */
function headerLength(b: Buffer): number {
  if (b.length < 12 || b[0]! >> 6 !== 2) return -1;
  let len = 12 + 4 * (b[0]! & 0x0f);
  if (b[0]! & 0x10) {
    if (b.length < len + 4) return -1;
    len += 4 + 4 * b.readUInt16BE(len + 2);
  }
  return len <= b.length ? len : -1;
}

/**
 * Listen on 127.0.0.1 (even port; RTCP on port+1 is simply ignored). With `echo`, audio packets
 * (not telephone-events) are sent back to their source so the caller also receives RTP.
 */
export async function startRtpProbe(opts: { port?: number; echo?: boolean } = {}): Promise<RtpProbe> {
  const port = opts.port ?? (await findFreeMediaPort());
  const sock = createSocket('udp4');
  const s: RtpProbeStats = { packets: 0, byPayloadType: {}, digits: '', firstPacketAt: null, lastPacketAt: null };
  const seenEvents = new Set<string>(); // ssrc:timestamp of each event already counted

  sock.on('message', (msg: Buffer, from: RemoteInfo) => {
    const hl = headerLength(msg);
    if (hl < 0) return;
    const pt = msg[1]! & 0x7f;
    if (pt >= 72 && pt <= 76) return; // RTCP on the RTP port (rtcp-mux), not media
    s.packets++;
    s.byPayloadType[pt] = (s.byPayloadType[pt] ?? 0) + 1;
    s.firstPacketAt ??= Date.now();
    s.lastPacketAt = Date.now();
    const payload = msg.subarray(hl);
    // telephone-event: dynamic payload type, 4-byte payload (event, E|R|volume, duration)
    if (pt >= 96 && payload.length === 4) {
      const key = `${msg.readUInt32BE(8)}:${msg.readUInt32BE(4)}`;
      if (!seenEvents.has(key) && payload[0]! < EVENT_CHARS.length) {
        seenEvents.add(key);
        s.digits += EVENT_CHARS[payload[0]!];
      }
      return;
    }
    if (opts.echo) sock.send(msg, from.port, from.address);
  });

  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(port, '127.0.0.1', () => resolve());
  });

  const snapshot = (): RtpProbeStats => ({ ...s, byPayloadType: { ...s.byPayloadType } });
  return {
    port,
    stats: snapshot,
    async waitFor(predicate, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(snapshot())) {
        if (Date.now() > deadline) {
          throw new Error(`RTP probe: condition not met in ${timeoutMs} ms: ${JSON.stringify(snapshot())}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return snapshot();
    },
    close: () => new Promise<void>((resolve) => sock.close(() => resolve())),
  };
}
