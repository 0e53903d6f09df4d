import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import type { InviteInput } from '../../shared/domain/sip';
import type { ReferResult, ReinviteResult, SessionListener, SessionPort } from './types';

/** A demo caller's number (ARCEP range reserved for fiction: 06 39 98 xx xx). */
export const DEMO_CALLER = '+33639980142';

/**
 * The INVITE a real PBX would send for a call forwarded on no answer from the firm's first number: the demo line
 * feeds it to the same recognition, card, store and call log as a real call.
 */
export function demoInvite(firm: FirmDetail, callerNumber: string = DEMO_CALLER): InviteInput {
  const firmNumber = firm.profile.numbers[0]?.e164 ?? '';
  return {
    requestUri: 'sip:secretariat@demo.permanence.invalid',
    headers: {
      From: [`"Appel de démonstration" <sip:${callerNumber}@demo.permanence.invalid>;tag=demo`],
      To: ['<sip:secretariat@demo.permanence.invalid>'],
      Diversion: [`<tel:${firmNumber}>;reason=no-answer;counter=1`],
    },
  };
}

/** An in-memory session: answers at once, holds and transfers succeed; the caller can hang up on command. */
export class DemoSession implements SessionPort {
  private listener: SessionListener | null = null;
  private state: 'ringing' | 'active' | 'ended' = 'ringing';
  readonly sipCallId = `demo-${Math.random().toString(36).slice(2)}`;

  constructor(private readonly outgoing = false) {
    // A demo outgoing call "answers" after a moment, like a person picking up.
    if (outgoing) setTimeout(() => this.establish(), 1500);
  }

  listen(listener: SessionListener) {
    this.listener = listener;
    if (this.outgoing) queueMicrotask(() => this.listener?.onProgress?.());
  }
  private establish() {
    if (this.state !== 'ringing') return;
    this.state = 'active';
    this.listener?.onEstablished();
  }
  private end(by: 'local' | 'remote') {
    if (this.state === 'ended') return;
    const beforeAnswer = this.state === 'ringing';
    this.state = 'ended';
    this.listener?.onTerminated({ by, beforeAnswer });
  }
  /** The demo caller hangs up (before or after the answer). */
  callerHangsUp() {
    this.end('remote');
  }
  async accept() {
    queueMicrotask(() => this.establish());
  }
  async reject() {
    this.end('local');
  }
  async hangup() {
    this.end('local');
  }
  async setHold(): Promise<ReinviteResult> {
    return { ok: true };
  }
  setMuted() {}
  async sendDtmf() {
    return this.state === 'active';
  }
  async refer(): Promise<ReferResult> {
    return { ok: true };
  }
  async referReplaces(): Promise<ReferResult> {
    return { ok: true };
  }
}
