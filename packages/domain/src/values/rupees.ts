/**
 * Integer paise as rupees with two decimals, for exports people read ("150000" -> "1500.00").
 * Exact: split by integer arithmetic, never divided in floating point.
 */
export function paiseAsRupees(paise: number): string {
  if (!Number.isSafeInteger(paise)) throw new RangeError("paise must be a safe integer");
  const sign = paise < 0 ? "-" : "";
  const whole = Math.abs(paise);
  return `${sign}${Math.trunc(whole / 100)}.${String(whole % 100).padStart(2, "0")}`;
}
