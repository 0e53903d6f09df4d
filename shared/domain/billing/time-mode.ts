import { PHONE_TASK_TYPES, type BillingSettings, type TaskType } from './billing-settings';
import { amountForSeconds, distributeProportionally, roundSeconds } from './rounding';

type TimeMode = BillingSettings['time'];

export interface Chargeable {
  seconds: number;
  /** The call was under the free threshold. */
  free: boolean;
}

/**
 * Per-call rules, applied to the raw duration before any rounding, in this order:
 *   1. a call strictly shorter than `freeUnderSeconds` is free (0 s), and the minimum does not revive it;
 *   2. otherwise a call shorter than `minimumPerCallSeconds` is raised to the minimum.
 * Both only concern phone calls (appel traité, appel sortant); other work is billed as measured.
 */
export function chargeableSeconds(time: TimeMode, taskType: TaskType, actualSeconds: number): Chargeable {
  if (!PHONE_TASK_TYPES.includes(taskType)) return { seconds: actualSeconds, free: false };
  if (time.freeUnderSeconds > 0 && actualSeconds < time.freeUnderSeconds) return { seconds: 0, free: true };
  return { seconds: Math.max(actualSeconds, time.minimumPerCallSeconds), free: false };
}

export interface TimedItem {
  localDate: string;
  taskType: TaskType;
  chargeableSeconds: number;
}

export interface TimedPrice {
  billedSeconds: number;
  baseAmountCents: number;
}

/** Prices time-mode items, in their order; items must already be in chronological order. */
export function priceTimedItems(time: TimeMode, items: readonly TimedItem[]): TimedPrice[] {
  const unit = time.roundingUnitSeconds;
  const rate = time.hourlyRateCents;
  if (time.roundingScope === 'entry') {
    return items.map((item) => {
      const billedSeconds = roundSeconds(item.chargeableSeconds, unit, time.roundingDirection);
      return { billedSeconds, baseAmountCents: amountForSeconds(billedSeconds, rate) };
    });
  }

  // 'day-task': one rounding per local day × task type. The group's billed seconds are rounded once and
  // priced once; both are then split back onto its lines by largest remainder (seconds in proportion to
  // chargeable seconds, cents in proportion to the billed seconds just split), so the lines of a group
  // add up exactly to the group's seconds and amount, and the statement's total to the sum of its lines.
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = `${item.localDate}|${item.taskType}`;
    const members = groups.get(key);
    if (members) members.push(index);
    else groups.set(key, [index]);
  });
  const prices: TimedPrice[] = items.map(() => ({ billedSeconds: 0, baseAmountCents: 0 }));
  for (const members of groups.values()) {
    const weights = members.map((i) => items[i]?.chargeableSeconds ?? 0);
    const groupSeconds = weights.reduce((a, b) => a + b, 0);
    const groupBilled = roundSeconds(groupSeconds, unit, time.roundingDirection);
    const groupAmount = amountForSeconds(groupBilled, rate);
    const seconds = distributeProportionally(groupBilled, weights);
    const amounts = distributeProportionally(groupAmount, seconds);
    members.forEach((itemIndex, k) => {
      prices[itemIndex] = { billedSeconds: seconds[k] ?? 0, baseAmountCents: amounts[k] ?? 0 };
    });
  }
  return prices;
}
