import type { Database } from "better-sqlite3";
import type { DedupPolicy, Service } from "@relief-ledger/domain";
import { findExcess, type Dated } from "./excess.js";

type Row = Dated & { service: Service };
type FlagStatements = ReturnType<typeof flagStatements>;

// Keyset pages over persons when the policy changes, so memory stays flat however many there are.
const PAGE = 500;

const flagStatements = (db: Database) => ({
  forgetPerson: db.prepare<[string]>("DELETE FROM flags WHERE person_id = ?"),
  forgetAll: db.prepare("DELETE FROM flags"),
  distributionsOf: db.prepare<[string], Row>(
    `SELECT distribution_id AS distributionId, service, distributed_on AS distributedOn, cbo_id AS cboId
     FROM distributions WHERE person_id = ? AND voided = 0 ORDER BY service, distributed_on, distribution_id`,
  ),
  insert: db.prepare("INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
  personsAfter: db
    .prepare<[string, number], string>("SELECT person_id FROM persons WHERE person_id > ? ORDER BY person_id LIMIT ?")
    .pluck(),
});

/** Adds a person's flags: those the policy gives over her current distributions. */
function flagPerson(q: FlagStatements, personId: string, policy: DedupPolicy): void {
  const byService = new Map<Service, Row[]>();
  for (const row of q.distributionsOf.all(personId)) {
    if (policy[row.service] === null) continue;
    const rows = byService.get(row.service);
    if (rows) rows.push(row);
    else byService.set(row.service, [row]);
  }
  for (const [service, rows] of byService) {
    const rule = policy[service]!;
    for (const { distribution, windowOpensOn, earlierCount, cboIds } of findExcess(rows, rule)) {
      const flag = [distribution.distributionId, personId, service, distribution.distributedOn, distribution.cboId];
      q.insert.run(...flag, JSON.stringify(cboIds), windowOpensOn, earlierCount, rule.windowDays, rule.maxPerWindow);
    }
  }
}

function flagEveryone(q: FlagStatements, policy: DedupPolicy): void {
  q.forgetAll.run();
  for (let page = q.personsAfter.all("", PAGE); page.length > 0; page = q.personsAfter.all(page.at(-1)!, PAGE)) {
    for (const personId of page) flagPerson(q, personId, policy);
  }
}

export interface Flagger {
  /**
   * Replaces these persons' flags. All are forgotten before any is recomputed: a distribution
   * that moved from one person to another keeps its flagId, and the old row must be gone first.
   */
  persons(personIds: Iterable<string>, policy: DedupPolicy): void;
  /** Replaces every flag, person by person. */
  everyone(policy: DedupPolicy): void;
}

export function createFlagger(db: Database): Flagger {
  const q = flagStatements(db);
  return {
    persons(personIds, policy) {
      const ids = [...personIds];
      for (const id of ids) q.forgetPerson.run(id);
      for (const id of ids) flagPerson(q, id, policy);
    },
    everyone: (policy) => flagEveryone(q, policy),
  };
}
