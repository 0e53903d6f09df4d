/**
 * Integer arithmetic for money and time. Nothing here touches floating-point amounts: every division
 * is done on integers with an explicit rounding rule.
 */

export type RoundingDirection = 'up' | 'nearest' | 'down';

/** Rounds seconds to a multiple of `unit`. 'nearest' sends an exact half up (30 s → 1 min). */
export function roundSeconds(seconds: number, unit: number, direction: RoundingDirection): number {
  const whole = Math.floor(seconds / unit);
  const rest = seconds - whole * unit;
  if (rest === 0) return seconds;
  switch (direction) {
    case 'down':
      return whole * unit;
    case 'up':
      return (whole + 1) * unit;
    case 'nearest':
      return (2 * rest >= unit ? whole + 1 : whole) * unit;
  }
}

/** numerator / denominator for non-negative integers, half rounded up (0,5 cent → 1 cent). */
export function divideRoundingHalfUp(numerator: number, denominator: number): number {
  const quotient = Math.floor(numerator / denominator);
  const remainder = numerator - quotient * denominator;
  return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

/** Amount for a duration at an hourly rate, rounded half up to the cent. */
export function amountForSeconds(seconds: number, hourlyRateCents: number): number {
  return divideRoundingHalfUp(seconds * hourlyRateCents, 3600);
}

/** A percentage in basis points (2500 = 25 %) of an amount, rounded half up to the cent. */
export function percentOf(amountCents: number, basisPoints: number): number {
  return divideRoundingHalfUp(amountCents * basisPoints, 10_000);
}

/**
 * Splits an integer `total` into parts proportional to `weights` that sum exactly to `total`
 * (largest-remainder method): each part gets the floor of its exact share, and the units left over go
 * to the largest fractional remainders; on a tie, to the earlier position. With all weights at zero
 * the split is even, by the same rule.
 */
export function distributeProportionally(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum === 0 ? weights.map(() => 1) : weights;
  const effectiveSum = sum === 0 ? weights.length : sum;
  // Integer quotient and remainder of total × w by the sum: no float comparison decides a cent.
  const remainders = effective.map((w) => (total * w) % effectiveSum);
  const parts = effective.map((w, i) => (total * w - (remainders[i] ?? 0)) / effectiveSum);
  const order = remainders
    .map((remainder, index) => ({ index, remainder }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index] = (parts[index] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
