import { StateCodeSchema } from "@relief-ledger/domain";
import { describe, expect, it } from "vitest";
import { COALITION_STATES, FULL_CBO_COUNT, cbosPerState } from "./geography.js";

describe("the coalition's geography", () => {
  it("is the founding 107 CBOs in 12 states, under codes the ledger accepts", () => {
    expect(FULL_CBO_COUNT).toBe(107);
    expect(COALITION_STATES).toHaveLength(12);
    for (const { state, districts } of COALITION_STATES) {
      expect(StateCodeSchema.safeParse(state).success).toBe(true);
      expect(new Set(districts).size).toBe(districts.length);
    }
  });

  it("shares any number of CBOs out over the states, keeping every state once there are 12", () => {
    for (let total = 1; total <= 107; total++) {
      const counts = cbosPerState(total);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
      if (total >= 12) expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    }
    expect(cbosPerState(107)).toEqual(COALITION_STATES.map((s) => s.cbos));
  });
});
