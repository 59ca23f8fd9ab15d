import { seed, startHarness, type HarnessOptions } from "./harness.testkit.js";

/** A started harness with the examples' CBOs, donor and funds recorded (see `seed`), and those funds. */
export async function startSeededHarness(options?: HarnessOptions) {
  const h = await startHarness(options);
  return { h, funds: await seed(h) };
}

export type SeededFunds = Awaited<ReturnType<typeof seed>>;
