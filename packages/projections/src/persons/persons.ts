import { positionText, type Projection } from "../projection.js";
import { createPersonGraph } from "./components.js";
import { PERSONS_SCHEMA } from "./schema.js";

/**
 * Persons are the connected components of counted distributions that share a pseudonym, kept
 * in the database (not in memory) and maintained as distributions arrive and are voided.
 */
export const persons: Projection = {
  name: "persons",
  schema: PERSONS_SCHEMA,
  tables: ["pseudonym_persons", "persons"],
  open(db) {
    const graph = createPersonGraph(db);
    // Runs after the distributions projection applied the same event, and reads what it did:
    // a record it counted has this event's position and no person yet; a void it applied has one.
    return {
      apply(event, dirty) {
        if (event.type !== "DistributionRecorded" && event.type !== "DistributionVoided") return;
        const id = event.data.distributionId;
        const row = graph.distribution(id);
        if (row === undefined) return;
        if (event.type === "DistributionRecorded") {
          const counted = row.position === positionText(event.position) && row.voided === 0;
          if (counted && row.person_id === null) {
            graph.join(
              id,
              event.data.beneficiaries.map((b) => b.pseudonym),
              dirty,
            );
          }
        } else if (row.voided === 1 && row.person_id !== null) {
          graph.leave(id, row.person_id, dirty);
        }
      },
    };
  },
};
