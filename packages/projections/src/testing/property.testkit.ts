import fc from "fast-check";
import { it } from "vitest";

/**
 * One test that a property holds for every generated value: fast-check runs `check` on `arb`
 * `runs.fallback` times, or as many as the environment variable `runs.variable` says (a longer
 * hunt on a quiet machine, e.g. `FOLD_RUNS=2000`).
 */
export function itHoldsFor<T>(
  title: string,
  arb: fc.Arbitrary<T>,
  check: (value: T) => Promise<void>,
  runs: { variable: string; fallback: number; timeoutMs?: number },
): void {
  it(title, { timeout: runs.timeoutMs ?? 120_000 }, async () => {
    await fc.assert(fc.asyncProperty(arb, check), { numRuns: Number(process.env[runs.variable] ?? runs.fallback) });
  });
}
