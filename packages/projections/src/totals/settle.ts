import type { Database } from "better-sqlite3";
import type { Dirty } from "../dirty.js";
import { contributions, sameContribution } from "./contribution.js";
import { addContribution, emptyLevelDelta } from "./delta.js";
import { createFundsReceived } from "./funds-received.js";
import { levelWriter } from "./level-store.js";
import { LEVELS } from "./levels.js";

/** The distributions whose contribution may have changed: counted, voided, re-allocated or relabelled. */
function touchedDistributions(db: Database) {
  const ofPerson = db
    .prepare<[string], string>("SELECT distribution_id FROM distributions WHERE person_id = ?")
    .pluck();
  return (dirty: Dirty): Set<string> => {
    const ids = new Set([...dirty.counted, ...dirty.allocated.keys()]);
    for (const person of dirty.relabelled) for (const id of ofPerson.all(person)) ids.add(id);
    return ids;
  };
}

/** Moves every total a batch touched by the difference between what was counted and what counts now. */
export function createTotalsSettler(db: Database): (dirty: Dirty) => void {
  const store = contributions(db);
  const touched = touchedDistributions(db);
  const writers = LEVELS.map((level) => levelWriter(db, level));
  const fundsReceived = createFundsReceived(db);
  return (dirty) => {
    const deltas = LEVELS.map(emptyLevelDelta);
    for (const id of touched(dirty)) {
      const before = store.counted(id);
      const after = store.current(id);
      if (sameContribution(before, after)) continue;
      LEVELS.forEach((level, i) => {
        if (before) addContribution(level, deltas[i]!, before, -1);
        if (after) addContribution(level, deltas[i]!, after, 1);
      });
      store.record(id, after);
    }
    writers.forEach((write, i) => write(deltas[i]!));
    fundsReceived(dirty.funds);
  };
}
