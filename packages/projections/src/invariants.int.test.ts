import { describe, expect, it } from "vitest";
import { InvariantViolation, type LedgerEvent } from "@relief-ledger/domain";
import { cbo, distribution, donor, fund, voidOf } from "./testing/events.testkit.js";
import { ledgerPerTest } from "./testing/ledger-per-test.testkit.js";
import { plantInReadModel } from "./testing/plant.testkit.js";
import { openReadModel } from "./runner/database.js";

const ledgers = ledgerPerTest();

const CBO = "sangama-blr";
const HISTORY: LedgerEvent[] = [
  cbo(CBO),
  donor("azim-trust"),
  fund({ fund: 1, cboId: CBO, amountPaise: 150_000, receivedOn: "2020-04-01" }),
  distribution({ id: 1, cboId: CBO, on: "2020-04-10", people: [1], valuePaise: 100_000 }),
];

/**
 * Read-model rows planted wrong, as a bug or a hand edit would leave them, and the next event
 * that builds on them. Each must stop the projector rather than publish figures derived from them.
 */
const PLANTS = [
  {
    broken: "a total below what it holds",
    plant: `UPDATE cbo_overall SET value_paise = 0, attributed_paise = 0, unfunded_paise = 0`,
    next: voidOf(1, CBO),
    message: /invariant broken: cbo_overall: attributed, scheme and unfunded money are never below zero/,
  },
  {
    broken: "a person's count gone missing",
    plant: `DELETE FROM cbo_cell_persons`,
    next: voidOf(1, CBO),
    message: /invariant broken: cbo_cell_persons: a person's count of distributions is never below zero/,
  },
  {
    broken: "a fund that paid more than it holds",
    plant: `UPDATE fund_totals SET attributed_paise = 400000`,
    next: distribution({ id: 2, cboId: CBO, on: "2020-05-01", people: [2], valuePaise: 10_000 }),
    message: /invariant broken: a fund's balance in the attribution walk is never below zero \(balance=-250000\)/,
  },
];

const snapshot = (file: string) => {
  const db = openReadModel(file);
  try {
    return {
      overall: db.prepare("SELECT * FROM cbo_overall").all(),
      cells: db.prepare("SELECT * FROM cbo_cells").all(),
      funds: db.prepare("SELECT * FROM fund_totals").all(),
    };
  } finally {
    db.close();
  }
};

describe("a broken invariant stops the projector", () => {
  for (const { broken, plant, next, message } of PLANTS) {
    it(`${broken}: the batch rolls back, the checkpoint stays, nothing wrong is published`, async () => {
      const ledger = await ledgers.open();
      await ledger.append(...HISTORY);
      await ledger.projector.runOnce();
      const checkpoint = ledger.projector.checkpoint();
      plantInReadModel(ledger.file, plant);
      const planted = snapshot(ledger.file);

      await ledger.append(next);
      const failure = await ledger.projector.runOnce().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(InvariantViolation);
      expect((failure as Error).message).toMatch(message);
      expect(ledger.projector.checkpoint()).toBe(checkpoint);
      expect(snapshot(ledger.file)).toEqual(planted);
    });
  }
});
