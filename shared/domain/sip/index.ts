export { parseInviteHeaders } from './invite';
export {
  buildFirmNumberIndex,
  describeMatch,
  diversionReasonLabelKey,
  matchFirm,
  type FirmDirectoryEntry,
  type FirmMatch,
  type FirmNumberIndex,
  type MatchDescription,
} from './firm-match';
export type {
  CalledCandidate,
  CalledSource,
  CallerIdentity,
  CallerSource,
  DiversionInfo,
  DiversionReason,
  InviteInput,
  ParsedInvite,
} from './types';
