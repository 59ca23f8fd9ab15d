import { mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { LedgerEvent, Service } from "@relief-ledger/domain";
import {
  appendAndProject,
  byFund,
  byScheme,
  cbo,
  distribution,
  donor,
  fund,
  uid,
} from "@relief-ledger/projections/testing";
import Database from "better-sqlite3";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startQueryHarness, type QueryHarness } from "./testing/index.testkit.js";

// The attacker: one donor key. It reads everything that key may read (JSON and CSV), then tries
// to pin a hidden count by differencing what was published. It knows only what the API documents
// about how figures nest: a fund's cells make up the fund; a fund cell lies inside the coalition
// cell of its service and month; coalition cells make up the coalition; different CBOs, services
// or months never share a distribution. The test, not the attacker, knows the truth: it checks
// each figure the attacker derives against the real distributions and persons behind it.
//
// Hidden rows say why (decision 0024): "small" publishes that a cell holds 1–4 persons, so for
// such a cell a leak is anything narrower; "protective" in a table that labels a small cell tells
// the attacker the cell holds 5 or more persons, hence 5 or more distributions, which it subtracts.

const SMALL = 4;
const CBOS = ["sangama-blr", "vamp-sangli", "ashodaya-mys"] as const;
const SERVICES: Service[] = ["grocery_kit", "art_medicine"];
const MONTHS = ["2021-05", "2021-06"] as const;
const ATTACKER = "azim-trust";

const coalitionArb = fc.record({
  funds: fc.array(
    fc.record({
      cbo: fc.constantFrom(...CBOS),
      donor: fc.constantFrom(ATTACKER, ATTACKER, "other-trust"),
      lakhs: fc.integer({ min: 2, max: 40 }),
      restricted: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  distributions: fc.array(
    fc.record({
      cbo: fc.constantFrom(...CBOS),
      service: fc.constantFrom(...SERVICES),
      month: fc.constantFrom(...MONTHS),
      day: fc.integer({ min: 1, max: 28 }),
      // Some people are served by two CBOs; a few records name two documents and join people.
      people: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 2 }),
      funding: fc.constantFrom("auto", "auto", "fund", "scheme"),
      fund: fc.nat(),
    }),
    { minLength: 10, maxLength: 150 },
  ),
});

type Coalition = typeof coalitionArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(coalition: Coalition): LedgerEvent[] {
  const events: LedgerEvent[] = [...CBOS.map((id) => cbo(id)), donor(ATTACKER), donor("other-trust")];
  coalition.funds.forEach((f, i) => {
    const spec = {
      fund: 1 + i,
      cboId: f.cbo,
      donorId: f.donor,
      amountPaise: f.lakhs * 100_000,
      receivedOn: "2021-04-01",
    };
    events.push(fund(f.restricted ? { ...spec, restrictedTo: ["art_medicine"] } : spec));
  });
  coalition.distributions.forEach((d, i) => {
    // A fund of another CBO, or restricted to another service, would be refused at ingest: pay auto.
    const named = d.fund % coalition.funds.length;
    const { cbo: fundCbo, restricted } = coalition.funds[named]!;
    const payable = fundCbo === d.cbo && (!restricted || d.service === "art_medicine");
    const funding =
      d.funding === "scheme" ? byScheme() : d.funding === "fund" && payable ? byFund(1 + named) : undefined;
    events.push(
      distribution({
        id: 1_000 + i,
        cboId: d.cbo,
        service: d.service,
        on: `${d.month}-${String(d.day).padStart(2, "0")}`,
        people: d.people,
        valuePaise: 100_000,
        submission: 1, // one batch: one append
        ...(funding ? { funding } : {}),
      }),
    );
  });
  return events;
}

/** A published figure: where it sits, and its counts as published (undefined when hidden). */
interface Fact {
  label: string;
  kind: "coalition" | "coalition-cell" | "fund" | "fund-cell" | "donor";
  fundId?: string;
  cboId?: string;
  cell?: string;
  distributions?: number;
  persons?: number;
  /** Why it is hidden, as published. */
  reason?: "small" | "protective";
  /** The table it closes with (a fund, or the coalition): labels speak for the table. */
  table?: string;
  /** The truth behind it, which only the test knows. */
  ids: Set<string>;
}

interface Truth {
  personOf: Map<string, string>;
  all: Set<string>;
  byCell: Map<string, Set<string>>;
  byFund: Map<string, Set<string>>;
  fundCbo: Map<string, string>;
}

function readTruth(file: string): Truth {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare<[], { id: string; service: string; month: string; person: string }>(
        "SELECT distribution_id AS id, service, month, person_id AS person FROM distributions WHERE voided = 0",
      )
      .all();
    const allocations = db
      .prepare<[], { id: string; fund: string }>("SELECT distribution_id AS id, fund_id AS fund FROM allocations")
      .all();
    const funds = db
      .prepare<[], { fund: string; cbo: string }>("SELECT fund_id AS fund, cbo_id AS cbo FROM funds")
      .all();
    const add = (map: Map<string, Set<string>>, key: string, id: string) =>
      map.set(key, (map.get(key) ?? new Set()).add(id));
    const truth: Truth = {
      personOf: new Map(rows.map((r) => [r.id, r.person])),
      all: new Set(rows.map((r) => r.id)),
      byCell: new Map(),
      byFund: new Map(),
      fundCbo: new Map(funds.map((f) => [f.fund, f.cbo])),
    };
    for (const r of rows) add(truth.byCell, `${r.service} ${r.month}`, r.id);
    for (const a of allocations) add(truth.byFund, a.fund, a.id);
    return truth;
  } finally {
    db.close();
  }
}

const persons = (truth: Truth, ids: Iterable<string>) => new Set([...ids].map((id) => truth.personOf.get(id))).size;
const intersect = (a: Set<string>, b: Set<string>) => new Set([...a].filter((id) => b.has(id)));
const shown = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
const numeric = (cell: string | undefined): number | undefined =>
  cell === undefined || cell === "" ? undefined : Number(cell);

/** Every figure the donor key published, from the JSON answers, then checked against the CSVs. */
function publishedFacts(
  truth: Truth,
  answers: { totals: any; attribution: any; totalsCsv: string; attributionCsv: string }, // eslint-disable-line @typescript-eslint/no-explicit-any
): Fact[] {
  const facts = new Map<string, Fact>();
  const put = (fact: Fact) => facts.set(fact.label, fact);
  put({
    label: "coalition",
    kind: "coalition",
    distributions: shown(answers.totals.overall.distributions),
    persons: shown(answers.totals.overall.persons),
    ids: truth.all,
  });
  for (const c of answers.totals.cells) {
    const cell = `${c.service} ${c.month}`;
    put({
      label: `coalition ${cell}`,
      kind: "coalition-cell",
      cell,
      distributions: shown(c.distributions),
      persons: shown(c.persons),
      reason: c.suppressedReason ?? undefined,
      table: "coalition",
      ids: truth.byCell.get(cell) ?? new Set(),
    });
  }
  const donorIds = new Set<string>();
  for (const f of answers.attribution.funds) {
    const ids = truth.byFund.get(f.fundId) ?? new Set<string>();
    ids.forEach((id) => donorIds.add(id));
    put({
      label: `fund ${f.fundId}`,
      kind: "fund",
      fundId: f.fundId,
      cboId: f.cboId,
      distributions: shown(f.distributions),
      persons: shown(f.persons),
      ids,
    });
    for (const c of f.cells) {
      const cell = `${c.service} ${c.month}`;
      put({
        label: `fund ${f.fundId} ${cell}`,
        kind: "fund-cell",
        fundId: f.fundId,
        cboId: f.cboId,
        cell,
        distributions: shown(c.distributions),
        persons: shown(c.persons),
        reason: c.suppressedReason ?? undefined,
        table: `fund ${f.fundId}`,
        ids: intersect(ids, truth.byCell.get(cell) ?? new Set()),
      });
    }
  }
  put({ label: "donor", kind: "donor", persons: shown(answers.attribution.overall.persons), ids: donorIds });

  // The CSVs may publish nothing the JSON hides; where they show a count, it is a published one.
  const fromCsv = (
    label: string,
    distributions: number | undefined,
    personsShown: number | undefined,
    reason: string | undefined,
  ) => {
    const fact = facts.get(label);
    expect(fact, `the CSV has a row the JSON does not: ${label}`).toBeDefined();
    expect(reason || undefined, `${label}: the CSV gives the JSON's reason`).toBe(fact!.reason);
    fact!.distributions ??= distributions;
    fact!.persons ??= personsShown;
    if (distributions !== undefined) expect(distributions, label).toBe(fact!.distributions);
    if (personsShown !== undefined) expect(personsShown, label).toBe(fact!.persons);
  };
  const rows = (csv: string) => parse<Record<string, string>>(csv, { columns: true }).slice(1); // past the HXL row
  for (const r of rows(answers.totalsCsv)) {
    fromCsv(
      `coalition ${r.serviceCode ?? r.service} ${r.month}`,
      numeric(r.distributions),
      numeric(r.persons),
      r.suppressedReason,
    );
  }
  for (const r of rows(answers.attributionCsv)) {
    fromCsv(
      `fund ${r.fundId} ${r.serviceCode ?? r.service} ${r.month}`,
      numeric(r.distributions),
      numeric(r.persons),
      r.suppressedReason,
    );
  }
  return [...facts.values()];
}

/** What the API says about nesting: B's distributions all lie within A's. */
function contains(a: Fact, b: Fact): boolean {
  if (a === b || b.kind === "donor") return false;
  if (a.kind === "coalition") return b.kind !== "coalition";
  if (a.kind === "coalition-cell") return b.kind === "fund-cell" && b.cell === a.cell;
  if (a.kind === "fund") return b.kind === "fund-cell" && b.fundId === a.fundId;
  return false;
}

/** What the API says about separation: A and B share no distribution. */
function disjoint(a: Fact, b: Fact, cellsOfFund: Map<string, Set<string>>): boolean {
  if (a.cboId !== undefined && b.cboId !== undefined && a.cboId !== b.cboId) return true;
  if (a.cell !== undefined && b.cell !== undefined && a.cell !== b.cell) return true;
  const [fundFact, other] = a.kind === "fund" ? [a, b] : b.kind === "fund" ? [b, a] : [undefined, undefined];
  // A fund lists every cell it paid in (hidden ones too), so it is apart from any other cell.
  return fundFact !== undefined && other.cell !== undefined && !cellsOfFund.get(fundFact.fundId!)!.has(other.cell);
}

/** Families of disjoint figures inside A: each one, each pair, and greedy fills in several orders. */
function families(inside: Fact[], apart: (a: Fact, b: Fact) => boolean): Fact[][] {
  const found: Fact[][] = inside.map((fact) => [fact]);
  inside.forEach((a, i) => inside.slice(i + 1).forEach((b) => apart(a, b) && found.push([a, b])));
  const byDistributions = [...inside].sort((a, b) => b.distributions! - a.distributions!);
  const orders = [byDistributions, [...byDistributions].reverse()];
  for (const first of ["coalition-cell", "fund", "fund-cell"]) {
    orders.push([...inside.filter((f) => f.kind === first), ...inside.filter((f) => f.kind !== first)]);
  }
  for (const order of orders) {
    const family: Fact[] = [];
    for (const fact of order) if (family.every((member) => apart(member, fact))) family.push(fact);
    found.push(family);
  }
  return found;
}

/** Every way found to pin a count of 1 to 4 persons; empty when the published figures are safe. */
function attack(truth: Truth, facts: Fact[]): string[] {
  const found: string[] = [];
  const cellsOfFund = new Map<string, Set<string>>();
  for (const fact of facts) {
    if (fact.kind === "fund") cellsOfFund.set(fact.fundId!, new Set());
    if (fact.kind === "fund-cell") cellsOfFund.get(fact.fundId!)!.add(fact.cell!);
  }
  const apart = (a: Fact, b: Fact) => disjoint(a, b, cellsOfFund);
  const small = (n: number) => n >= 1 && n <= SMALL;
  // A table that calls one of its cells small gave labels: its protective cells hold 5 or more.
  const labelledTables = new Set(facts.filter((f) => f.reason === "small").map((f) => f.table));
  const leastDistributions = (f: Fact) => (f.reason === "protective" && labelledTables.has(f.table) ? SMALL + 1 : 1);

  // The labels must be true: "small" is 1–4 persons, and a labelled table's protective cells 5+.
  for (const fact of facts.filter((f) => f.reason !== undefined)) {
    const truly = persons(truth, fact.ids);
    if (fact.reason === "small") expect(small(truly), `${fact.label} is called small`).toBe(true);
    if (leastDistributions(fact) > 1) expect(truly, `${fact.label} is protective`).toBeGreaterThan(SMALL);
  }

  for (const fact of facts) {
    if (fact.persons !== undefined && small(fact.persons)) found.push(`${fact.label} shows ${fact.persons} persons`);
    if (fact.distributions !== undefined && small(persons(truth, fact.ids)))
      found.push(`${fact.label} shows ${fact.distributions} distributions of ${persons(truth, fact.ids)} persons`);
  }

  // Differencing: A minus disjoint published figures inside it is an exact count of what is left.
  const counted = facts.filter((fact) => fact.distributions !== undefined);
  for (const a of counted) {
    for (const family of families(
      counted.filter((b) => contains(a, b)),
      apart,
    )) {
      const left = new Set(a.ids);
      family.forEach((member) => member.ids.forEach((id) => left.delete(id)));
      const value = a.distributions! - family.reduce((sum, member) => sum + member.distributions!, 0);
      expect(value, "the attacker's arithmetic matches the distributions left").toBe(left.size);
      if (small(persons(truth, left)))
        found.push(
          `${a.label} − [${family.map((m) => m.label).join(", ")}] = ${value} distributions of ${persons(truth, left)} persons`,
        );
    }
  }

  // Bounding: a hidden cell is at most a figure around it, less the disjoint figures beside it
  // and 1 for each other hidden cell beside it. A bound of 4 or less pins it to 1–4.
  for (const h of facts.filter((fact) => fact.kind.endsWith("cell") && fact.distributions === undefined)) {
    for (const a of counted.filter((fact) => contains(fact, h))) {
      const besides = counted.filter((b) => contains(a, b) && apart(b, h));
      for (const family of families(besides, apart)) {
        const others: Fact[] = [];
        for (const other of facts) {
          if (other === h || other.distributions !== undefined || !contains(a, other) || !apart(other, h)) continue;
          if ([...family, ...others].every((member) => apart(member, other))) others.push(other);
        }
        const bound =
          a.distributions! -
          family.reduce((sum, m) => sum + m.distributions!, 0) -
          others.reduce((sum, other) => sum + leastDistributions(other), 0);
        expect(bound, "the bound holds").toBeGreaterThanOrEqual(h.ids.size);
        const personsBound = Math.min(
          bound,
          ...facts.filter((f) => f.persons !== undefined && (f === a || contains(f, h))).map((f) => f.persons!),
        );
        // A cell published as small is already known to be 1–4: only a narrower bound tells more.
        const published = h.reason === "small" ? SMALL - 1 : SMALL;
        if (bound <= published || personsBound <= published)
          found.push(`${h.label} is at most ${bound} distributions (${personsBound} persons), from ${a.label}`);
      }
    }
  }
  return found;
}

// One query service for all runs; each run's read model is swapped in by rename, as a rebuild is.
// Its donor key is the attacker's.
let h: QueryHarness;
let runs = 0;
beforeAll(async () => {
  // The attacker asks ten times per generated coalition.
  h = await startQueryHarness({ app: { rateLimitPerMinute: 1_000_000 } });
  expect(h.keys.donor.record.donorId).toBe(ATTACKER);
});
afterAll(() => h.close());

async function readAsDonor(coalition: Coalition): Promise<{ truth: Truth; facts: Fact[]; hiddenCells: number }> {
  const run = h.dir.file(`run-${++runs}`);
  mkdirSync(run);
  await appendAndProject(
    { store: join(run, "events.db"), readModel: join(run, "read-models.db") },
    eventsOf(coalition),
  );
  renameSync(join(run, "read-models.db"), h.readModelFile);
  const get = async (url: string) => {
    const response = await h.get("donor", url);
    return { status: response.statusCode, body: response.body };
  };
  // Everything else the key might try is refused, so these four answers are all it can read.
  for (const url of [
    ...CBOS.map((id) => `/v1/cbos/${id}/totals`),
    "/v1/flags",
    "/v1/donors/other-trust/attribution",
    `/v1/audit/proofs/inclusion/${uid(1_000)}`,
  ]) {
    expect((await get(url)).status, url).toBe(403);
  }
  const answers: string[] = [];
  for (const url of [
    "/v1/totals",
    `/v1/donors/${ATTACKER}/attribution`,
    "/v1/totals?format=csv",
    `/v1/donors/${ATTACKER}/attribution?format=csv`,
  ]) {
    const { status, body } = await get(url);
    expect(status, url).toBe(200);
    answers.push(body);
  }
  const truth = readTruth(h.readModelFile);
  const facts = publishedFacts(truth, {
    totals: JSON.parse(answers[0]!),
    attribution: JSON.parse(answers[1]!),
    totalsCsv: answers[2]!,
    attributionCsv: answers[3]!,
  });
  rmSync(run, { recursive: true, force: true });
  const hiddenCells = facts.filter((f) => f.kind.endsWith("cell") && f.distributions === undefined).length;
  return { truth, facts, hiddenCells };
}

describe("small cells, attacked by a donor key", () => {
  it(
    "cannot be pinned to 1–4, nor a cell published as small narrowed within it, by differencing anything the donor can read, JSON or CSV",
    { timeout: 180_000 },
    async () => {
      let attacked = 0;
      let hidden = 0;
      const reasons = { small: 0, protective: 0 };
      await fc.assert(
        fc.asyncProperty(coalitionArb, async (coalition) => {
          const t0 = Date.now();
          const { truth, facts, hiddenCells } = await readAsDonor(coalition);
          const t1 = Date.now();
          const leaks = attack(truth, facts);
          if (process.env.ATTACK_DEBUG)
            console.warn(
              `read ${t1 - t0} ms, attack ${Date.now() - t1} ms, facts ${facts.length}, leaks ${leaks.length}`,
              leaks.slice(0, 3),
            );
          attacked++;
          hidden += hiddenCells;
          for (const fact of facts) if (fact.reason) reasons[fact.reason]++;
          expect(leaks).toEqual([]);
        }),
        { numRuns: Number(process.env.ATTACK_RUNS ?? 40) },
      );
      // The generated coalitions do have small cells for the attacker to go after.
      expect(attacked).toBe(Number(process.env.ATTACK_RUNS ?? 40));
      expect(hidden).toBeGreaterThan(attacked);
      // … and both labels, for the attacker to use.
      expect(reasons.small).toBeGreaterThan(0);
      expect(reasons.protective).toBeGreaterThan(0);
    },
  );
});
