export * from './billing-settings';
export * from './entries';
export * from './statement';
export { computeMonth, monthPeriod, billingModeFor, type ComputeMonthInput } from './compute-month';
export { isPublicHoliday, publicHolidaysOfYear } from './holidays';
export { roundSeconds, divideRoundingHalfUp, amountForSeconds, percentOf, distributeProportionally } from './rounding';
export type { RoundingDirection } from './rounding';
