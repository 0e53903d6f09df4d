/**
 * Reconnect delays: 1 s, 2 s, 4 s … capped at 30 s, with ±20 % jitter so a room of softphones does not hammer
 * the PBX in step after it restarts. `random` is injectable for tests.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** RFC 3261 §14.1: after a 491 on a re-INVITE we did not own the Call-ID of, wait 2.1–4 s before retrying. */
export function glareRetryDelayMs(random: () => number = Math.random): number {
  return Math.round(2100 + 1900 * random());
}
