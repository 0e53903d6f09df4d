import { DTMF_DURATION_MS, DTMF_GAP_MS, queueDtmf, type DtmfSenderLike } from '../../../../renderer/phone/dtmf';

/** Behaves like RTCDTMFSender: insertDTMF replaces the buffer; the first tone leaves it when it starts playing. */
function fakeSender(): DtmfSenderLike & { toneBuffer: string; played: string; calls: unknown[][]; startNext(): void } {
  return {
    toneBuffer: '',
    played: '',
    calls: [],
    canInsertDTMF: true,
    insertDTMF(tones: string, duration?: number, gap?: number) {
      this.calls.push([tones, duration, gap]);
      this.toneBuffer = tones;
    },
    startNext() {
      this.played += this.toneBuffer.slice(0, 1);
      this.toneBuffer = this.toneBuffer.slice(1);
    },
  };
}

describe('queueDtmf (RFC 4733 through RTCDTMFSender)', () => {
  it('keeps every key typed while earlier tones are still queued', () => {
    const sender = fakeSender();
    queueDtmf(sender, '1');
    sender.startNext(); // "1" is playing
    queueDtmf(sender, '9');
    queueDtmf(sender, '#');
    queueDtmf(sender, '0');
    while (sender.toneBuffer) sender.startNext();
    expect(sender.played).toBe('19#0');
  });

  it('sends each tone with the engine duration and gap', () => {
    const sender = fakeSender();
    expect(queueDtmf(sender, '5')).toBe(true);
    expect(sender.calls).toEqual([['5', DTMF_DURATION_MS, DTMF_GAP_MS]]);
  });

  it('reports false without a DTMF sender, when the codec is missing, or when insertDTMF throws', () => {
    expect(queueDtmf(undefined, '1')).toBe(false);
    expect(queueDtmf({ ...fakeSender(), canInsertDTMF: false }, '1')).toBe(false);
    const throwing = {
      ...fakeSender(),
      insertDTMF() {
        throw new DOMException('closed', 'InvalidStateError');
      },
    };
    expect(queueDtmf(throwing, '1')).toBe(false);
  });
});
