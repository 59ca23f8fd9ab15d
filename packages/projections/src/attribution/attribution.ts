import { FROM_START, latestChange, walkFrom, type WalkKey } from "../dirty.js";
import type { Projection } from "../projection.js";
import { createFundSummaries } from "./fund-summary.js";
import { ATTRIBUTION_SCHEMA } from "./schema.js";
import { createWalker } from "./walk.js";

/**
 * Donor attribution as docs/rules.md walks it. A batch only notes where each CBO's walk must
 * restart: a distribution counted or voided restarts it at that distribution, a new fund at the
 * beginning, since a fund may pay for any of the CBO's distributions, earlier ones included.
 */
export const attribution: Projection = {
  name: "attribution",
  schema: ATTRIBUTION_SCHEMA,
  tables: ["funds", "allocations", "fund_cells", "fund_totals"],
  open(db) {
    const addFund = db.prepare("INSERT OR IGNORE INTO funds VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    const walkStart = db.prepare<[string], { cbo_id: string; distributed_on: string }>(
      "SELECT cbo_id, distributed_on FROM distributions WHERE distribution_id = ?",
    );
    const walk = createWalker(db);
    const summarise = createFundSummaries(db);
    return {
      apply(event, dirty) {
        if (event.type !== "FundsReceived") return;
        const f = event.data;
        const restrictedTo = f.restrictedTo ? JSON.stringify(f.restrictedTo.toSorted()) : null;
        const month = f.receivedOn.slice(0, 7);
        const row = [
          f.fundId,
          f.donorId,
          f.cboId,
          f.amountPaise,
          f.receivedOn,
          month,
          restrictedTo,
          f.reference ?? null,
        ];
        if (addFund.run(...row).changes === 0) return;
        walkFrom(dirty, f.cboId, FROM_START);
        dirty.funds.add(f.fundId);
      },
      settle(dirty) {
        const until = new Map<string, WalkKey>();
        for (const id of dirty.counted) {
          const row = walkStart.get(id);
          if (!row) continue;
          const key: WalkKey = [row.distributed_on, id];
          walkFrom(dirty, row.cbo_id, key);
          latestChange(until, row.cbo_id, key);
        }
        for (const [cboId, from] of dirty.walks) walk(cboId, { from, until: until.get(cboId) ?? null }, dirty);
        summarise(dirty);
      },
    };
  },
};
