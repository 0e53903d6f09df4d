import type { BillingSettings } from './billing-settings';
import type { ForfaitConsumption } from './statement';

/** What one counted entry contributes to the quota. */
export interface ForfaitUsage {
  actualSeconds: number;
  quantity: number;
}

/**
 * The month's forfait: the fee is due even in a month without entries. Usage is counted as
 * - 'calls': one per counted entry;
 * - 'tasks': the sum of the entries' quantities;
 * - 'minutes': the month's raw seconds in started minutes (ceil of the total, not per call), so the
 *   overage is "toute minute entamée au-delà du forfait" and never double-counts partial minutes.
 */
export function forfaitConsumption(
  forfait: BillingSettings['forfait'],
  usages: readonly ForfaitUsage[],
): ForfaitConsumption {
  const usedSeconds = usages.reduce((sum, u) => sum + u.actualSeconds, 0);
  let usedQuantity: number;
  switch (forfait.quotaUnit) {
    case 'calls':
      usedQuantity = usages.length;
      break;
    case 'tasks':
      usedQuantity = usages.reduce((sum, u) => sum + u.quantity, 0);
      break;
    case 'minutes':
      usedQuantity = Math.ceil(usedSeconds / 60);
      break;
  }
  const overageQuantity = Math.max(0, usedQuantity - forfait.includedQuantity);
  const overageAmountCents = overageQuantity * forfait.overagePriceCents;
  return {
    monthlyFeeCents: forfait.monthlyFeeCents,
    quotaUnit: forfait.quotaUnit,
    includedQuantity: forfait.includedQuantity,
    usedQuantity,
    usedSeconds,
    remainingQuantity: Math.max(0, forfait.includedQuantity - usedQuantity),
    overageQuantity,
    overagePriceCents: forfait.overagePriceCents,
    overageAmountCents,
    totalCents: forfait.monthlyFeeCents + overageAmountCents,
  };
}
