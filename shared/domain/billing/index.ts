export * from './billing-settings';
export * from './entries';
export * from './statement';
export { computeMonth, monthPeriod, billingModeFor, type ComputeMonthInput } from './compute-month';
export { roundSeconds, divideRoundingHalfUp, amountForSeconds, percentOf, distributeProportionally } from './rounding';
export type { RoundingDirection } from './rounding';
// Public holidays are imported from './holidays' directly: re-exporting them here pulled the holiday library
// (and its time-zone data) into the renderer bundle through the contract.
