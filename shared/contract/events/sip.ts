import { event } from '../define';

export const sipEvents = {
  /**
   * The account was saved. `lineChanged`: server, identity or password changed, the softphone builds a new line;
   * otherwise only the audio devices did, and the running line just takes them for the next calls.
   */
  'sip:accountChanged': event<{ lineChanged: boolean }>(),
};
