/** The part of RTCDTMFSender the engine uses (fakeable in unit tests). */
export interface DtmfSenderLike {
  readonly toneBuffer: string;
  readonly canInsertDTMF?: boolean;
  insertDTMF(tones: string, duration?: number, interToneGap?: number): void;
}

export const DTMF_DURATION_MS = 160;
export const DTMF_GAP_MS = 70;

/**
 * Queue one RFC 4733 tone after those still waiting to be sent. `insertDTMF` REPLACES the sender's tone buffer
 * (WebRTC spec), and sip.js's `sendDtmf` calls it with the new tone only: keys typed faster than a tone lasts
 * (160 ms + 70 ms gap) were silently dropped at the far end ("19#0" arrived as "10" in the lab).
 */
export function queueDtmf(sender: DtmfSenderLike | null | undefined, tone: string): boolean {
  if (!sender || sender.canInsertDTMF === false) return false;
  try {
    sender.insertDTMF(sender.toneBuffer + tone, DTMF_DURATION_MS, DTMF_GAP_MS);
    return true;
  } catch {
    return false;
  }
}
