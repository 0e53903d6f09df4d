import type { FirmDetail } from '../../shared/domain/firm/aggregate';
import { formatPhoneForDisplay } from '../../shared/domain/phone';
import {
  buildFirmNumberIndex,
  describeMatch,
  diversionReasonLabelKey,
  matchFirm,
  parseInviteHeaders,
  type FirmNumberIndex,
  type InviteInput,
} from '../../shared/domain/sip';
import type { CallView } from './types';

export interface Directory {
  firms: ReadonlyMap<string, FirmDetail>;
  index: FirmNumberIndex;
}

export function buildDirectory(firms: readonly FirmDetail[]): Directory {
  return {
    firms: new Map(firms.map((f) => [f.id, f])),
    index: buildFirmNumberIndex(firms.map((f) => ({ firmId: f.id, numbers: f.profile.numbers.map((n) => n.e164) }))),
  };
}

export type Recognised = Pick<CallView, 'firmId' | 'matchedBy' | 'calledNumber' | 'diversion' | 'caller'>;

/** From the raw INVITE to what the ring card shows: pure, synchronous, no round trip. */
export function recogniseInvite(invite: InviteInput, directory: Directory): Recognised {
  const parsed = parseInviteHeaders(invite);
  const match = matchFirm(parsed, directory.index);
  const described = match ? describeMatch(match) : null;
  const firstNumber = parsed.calledCandidates.find((c) => c.e164 !== null) ?? null;
  const caller = parsed.caller;
  return {
    firmId: match?.firmId ?? null,
    matchedBy: described
      ? {
          source: described.source,
          sourceLabelKey: described.sourceLabelKey,
          e164: described.e164,
          formattedNumber: described.formattedNumber,
        }
      : null,
    calledNumber: firstNumber?.e164 ?? null,
    diversion: parsed.diversion
      ? {
          reason: parsed.diversion.reason,
          reasonKey: diversionReasonLabelKey(parsed.diversion.reason),
          fromE164: parsed.diversion.from.e164,
          fromFormatted: parsed.diversion.from.e164
            ? formatPhoneForDisplay(parsed.diversion.from.e164)
            : parsed.diversion.from.user || null,
          counter: parsed.diversion.counter,
        }
      : null,
    caller: {
      e164: caller?.e164 ?? null,
      formatted: caller?.e164 ? formatPhoneForDisplay(caller.e164) : caller && !caller.anonymous ? caller.user : '',
      displayName: caller?.displayName ?? '',
      anonymous: caller?.anonymous ?? false,
      raw: caller?.raw ?? '',
    },
  };
}
