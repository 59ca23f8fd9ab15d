import type { Dirty } from "../dirty.js";
import type { Database } from "better-sqlite3";
import { assertInvariant } from "@relief-ledger/domain";

const personStatements = (db: Database) => ({
  distribution: db.prepare<[string], { position: string; voided: number; person_id: string | null }>(
    "SELECT position, voided, person_id FROM distributions WHERE distribution_id = ?",
  ),
  pseudonymsOf: db
    .prepare<[string], string>("SELECT pseudonym FROM distribution_pseudonyms WHERE distribution_id = ?")
    .pluck(),
  /** The counted distributions that name a pseudonym. */
  countedWith: db
    .prepare<[string], string>(
      `SELECT p.distribution_id FROM distribution_pseudonyms p JOIN distributions d USING (distribution_id)
       WHERE p.pseudonym = ? AND d.voided = 0`,
    )
    .pluck(),
  personOf: db.prepare<[string], string>("SELECT person_id FROM pseudonym_persons WHERE pseudonym = ?").pluck(),
  sizeOf: db.prepare<[string], number>("SELECT distributions FROM persons WHERE person_id = ?").pluck(),
  distributionsOf: db
    .prepare<[string], string>("SELECT distribution_id FROM distributions WHERE person_id = ?")
    .pluck(),
  setPseudonym: db.prepare<[string, string]>(
    "INSERT INTO pseudonym_persons VALUES (?, ?) ON CONFLICT (pseudonym) DO UPDATE SET person_id = excluded.person_id",
  ),
  setPerson: db.prepare<[string | null, string]>("UPDATE distributions SET person_id = ? WHERE distribution_id = ?"),
  relabelPseudonyms: db.prepare<[string, string]>("UPDATE pseudonym_persons SET person_id = ? WHERE person_id = ?"),
  relabelDistributions: db.prepare<[string, string]>("UPDATE distributions SET person_id = ? WHERE person_id = ?"),
  forgetPseudonyms: db.prepare<[string]>("DELETE FROM pseudonym_persons WHERE person_id = ?"),
  savePerson: db.prepare<[string, number]>(
    "INSERT INTO persons VALUES (?, ?) ON CONFLICT (person_id) DO UPDATE SET distributions = excluded.distributions",
  ),
  deletePerson: db.prepare<[string]>("DELETE FROM persons WHERE person_id = ?"),
});

type PersonStatements = ReturnType<typeof personStatements>;

export interface PersonGraph {
  /** What the distributions projection made of a distribution. */
  distribution(id: string): { position: string; voided: number; person_id: string | null } | undefined;
  /** `pseudonyms`: those the distribution names, as its event lists them. */
  join(distributionId: string, pseudonyms: readonly string[], dirty: Dirty): void;
  leave(distributionId: string, personId: string, dirty: Dirty): void;
}

export function createPersonGraph(db: Database): PersonGraph {
  const q = personStatements(db);
  return {
    distribution: (id) => q.distribution.get(id),
    join: (id, pseudonyms, dirty) => joinPerson(q, id, [...new Set(pseudonyms)], dirty),
    leave: (id, personId, dirty) => leavePerson(q, id, personId, dirty),
  };
}

// A person's id is the smallest pseudonym of her component: the same whatever order the
// distributions arrived in, and already a pseudonym, so it reveals nothing new.
const smallest = (values: Iterable<string>): string => [...values].reduce((a, b) => (b < a ? b : a));

/** Adds a counted distribution to the person of its pseudonyms, merging every person they name. */
function joinPerson(q: PersonStatements, distributionId: string, pseudonyms: string[], dirty: Dirty): void {
  const known = pseudonyms.map((pseudonym) => q.personOf.get(pseudonym));
  const existing = new Set(known.filter((person) => person !== undefined));
  const id = smallest([...existing, ...pseudonyms]);
  let size = 1;
  for (const old of existing) {
    size += q.sizeOf.get(old) ?? 0;
    dirty.persons.add(old);
    if (old === id) continue;
    dirty.relabelled.add(id);
    q.relabelPseudonyms.run(id, old);
    q.relabelDistributions.run(id, old);
    q.deletePerson.run(old);
  }
  // A returning person's pseudonyms already name her: only new or relabelled ones are written.
  pseudonyms.forEach((pseudonym, i) => known[i] !== id && q.setPseudonym.run(pseudonym, id));
  q.setPerson.run(id, distributionId);
  assertInvariant(size >= 1, "a person is at least one counted distribution", { size });
  q.savePerson.run(id, size);
  dirty.persons.add(id);
}

/**
 * Takes a voided distribution out of its person and finds what is left of her by a depth-first
 * search (a stack) over the remaining distributions: she may now be two people, or none.
 */
function leavePerson(q: PersonStatements, distributionId: string, person: string, dirty: Dirty): void {
  q.setPerson.run(null, distributionId);
  const remaining = q.distributionsOf.all(person);
  q.forgetPseudonyms.run(person);
  q.deletePerson.run(person);
  dirty.persons.add(person);
  const unassigned = new Set(remaining);
  for (const start of remaining) {
    if (!unassigned.has(start)) continue;
    const component = collectComponent(q, start);
    const id = smallest(component.pseudonyms);
    for (const member of component.distributions) {
      unassigned.delete(member);
      q.setPerson.run(id, member);
    }
    for (const pseudonym of component.pseudonyms) q.setPseudonym.run(pseudonym, id);
    assertInvariant(component.distributions.size >= 1, "a person is at least one counted distribution", {
      size: component.distributions.size,
    });
    q.savePerson.run(id, component.distributions.size);
    dirty.persons.add(id);
    dirty.relabelled.add(id);
  }
}

function collectComponent(q: PersonStatements, start: string) {
  const distributions = new Set([start]);
  const pseudonyms = new Set<string>();
  const queue = [start];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const pseudonym of q.pseudonymsOf.all(next)) {
      if (pseudonyms.has(pseudonym)) continue;
      pseudonyms.add(pseudonym);
      for (const other of q.countedWith.all(pseudonym)) {
        if (distributions.has(other)) continue;
        distributions.add(other);
        queue.push(other);
      }
    }
  }
  return { distributions, pseudonyms };
}
