import { BY_POSITION, positionText, type Projection } from "../projection.js";
import { policyStore } from "./policy.js";
import { createFlagger } from "./recompute.js";
import { FLAGS_SCHEMA } from "./schema.js";

/**
 * Duplicate-benefit flags: a pure function of the current persons, distributions and policy.
 * A batch recomputes the flags of every person it changed (merged-away and split ones included,
 * which only loses their flags), or of everyone when the policy changed.
 */
export const flags: Projection = {
  name: "flags",
  schema: FLAGS_SCHEMA,
  tables: ["dedup_policy", "flags", "flag_resolutions", { table: "flag_notes", orderBy: BY_POSITION("position") }],
  open(db) {
    const policy = policyStore(db);
    const flagger = createFlagger(db);
    // Events come in log order, so the last resolution of a flag is the one that stands.
    const resolve = db.prepare("INSERT OR REPLACE INTO flag_resolutions VALUES (?, ?, ?, ?)");
    // A position is written once: a batch applied again (after a crash) adds nothing.
    const addNote = db.prepare("INSERT OR IGNORE INTO flag_notes VALUES (?, ?, ?, ?, ?)");
    return {
      apply(event, dirty) {
        if (event.type === "DedupPolicySet") {
          policy.change(event.data.rules);
          dirty.policyChanged = true;
        } else if (event.type === "DuplicateFlagResolved") {
          resolve.run(event.data.flagId, event.data.verdict, event.data.note, event.recordedAt);
        } else if (event.type === "FlagNoteAdded") {
          const { flagId, cboId, note } = event.data;
          addNote.run(positionText(event.position), flagId, cboId, note, event.recordedAt);
        }
      },
      settle(dirty) {
        const current = policy.read();
        if (dirty.policyChanged) flagger.everyone(current);
        else flagger.persons(dirty.persons, current);
      },
    };
  },
};
