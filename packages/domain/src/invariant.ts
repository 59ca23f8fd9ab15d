/**
 * A rule the code itself guarantees (a count never below zero, a checkpoint that only moves
 * forward), broken: the data or the code is wrong, and going on would publish wrong figures.
 * It is not a refusal of input; callers let it stop the work, so a transaction rolls back.
 */
export class InvariantViolation extends Error {
  override readonly name = "InvariantViolation";
}

/**
 * Asserts an invariant where the value is written (TigerBeetle style). `values` are the numbers
 * that broke it, for the message: numbers only, so no identity or pseudonym can ride along.
 */
export function assertInvariant(
  condition: boolean,
  rule: string,
  values: Readonly<Record<string, number | bigint>> = {},
): asserts condition {
  if (condition) return;
  const shown = Object.entries(values)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  throw new InvariantViolation(`invariant broken: ${rule}${shown ? ` (${shown})` : ""}`);
}
