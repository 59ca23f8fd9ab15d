import type { Database } from "better-sqlite3";
import {
  DEFAULT_DEDUP_POLICY,
  SERVICES,
  applyDedupRules,
  isEventType,
  parseStoredLedgerEvent,
  type DedupPolicy,
  type DistributionRecorded,
  type DistributionVoided,
  type FundsReceived,
  type LedgerEvent,
  type Service,
} from "@relief-ledger/domain";
import type { RecordedEvent } from "@relief-ledger/event-store";
import { allocate, type WalkFund } from "../attribution/allocate.js";
import { findExcess } from "../flags/excess.js";
import { positionText } from "../projection.js";
import { BulkInsert, type Insert } from "./bulk.js";
import { DistributionIds } from "./ids.js";
import { Column, Interned, NarrowColumn, SortKeys } from "./interned.js";
import { writeFundSummaries, writeTotals } from "./sums.js";
import type { WrittenDigest } from "./written-digest.js";

/**
 * The read models of a whole log computed in memory, for a rebuild: the rules of the live
 * projections (docs/rules.md) applied once to the final state instead of batch by batch. Persons
 * are a union–find over interned pseudonyms; each CBO's attribution is one walk; totals, person
 * counts and flags are grouped by sorting numeric keys. Its tables must equal, row for row, what
 * the live projector writes for the same log: the rebuild and property tests compare digests.
 *
 * Memory is linear in history, about 75 bytes per distribution (typed columns, ids as 16 bytes in
 * an open-addressing index, positions as numbers; decisions/0032; codes and amounts in
 * narrow columns, decisions/0044), so this is for rebuilds and
 * replays only; the live projector keeps its bounded per-batch path.
 */
export interface Fold {
  /** Folds the next events of the log, in log order. */
  add(events: readonly RecordedEvent[]): void;
  /** The position of the last event folded (0 before any). */
  checkpoint(): bigint;
  /**
   * Writes every table of every projection into `db`, each once, in key order, and gives each row
   * to `digest` as it is written (rebuild.ts).
   */
  write(db: Database, digest?: WrittenDigest): void;
}

interface FundRow {
  fundId: string;
  donorId: string;
  cboId: string;
  amountPaise: number;
  receivedOn: string;
  restrictedTo: readonly string[] | null;
  reference: string | null;
}

/** A pseudonym's beneficiary entry in a distribution: (pseudonym, type, keyId) as codes. */
const BENEFICIARY_FIELDS = 3;

export function createFold(): Fold {
  let last = 0n;
  const rejected: unknown[][] = [];
  const cbos = new Map<string, unknown[]>();
  const donors = new Map<string, unknown[]>();
  const funds = new Map<string, FundRow>();
  let policy: DedupPolicy = DEFAULT_DEDUP_POLICY;
  const resolutions = new Map<string, unknown[]>();
  const notes: unknown[][] = [];
  const repeats: unknown[][] = [];
  const voids = new Map<string, { position: string; cboId: string; reason: string }>();

  // Distributions, one column per field; strings that repeat are interned as codes.
  const text = new Interned(); // cbo ids, services, dates, months, funding kinds, fund ids, schemes, districts, submissions
  const pseudonyms = new Interned();
  const small = new Interned(); // identifier types and key ids
  const ids = new DistributionIds();
  // Positions as numbers while they fit a double exactly; a wider one (positions are opaque,
  // decisions/0018) keeps its text beside, by row.
  const positions = new Column("float64");
  const widePositions = new Map<number, string>();
  // Codes and amounts in the narrowest width that holds them; where a field may be absent its
  // column holds code + 1, 0 for none.
  const submission = new NarrowColumn();
  const cbo = new NarrowColumn();
  const service = new NarrowColumn();
  const on = new NarrowColumn();
  const monthOf = new Map<number, number>(); // a date's code → its month's code
  const quantity = new NarrowColumn();
  const value = new NarrowColumn();
  const kind = new NarrowColumn();
  const fundOf = new NarrowColumn();
  const scheme = new NarrowColumn();
  const district = new NarrowColumn();
  const beneficiaryStart = new Column("int32");
  beneficiaryStart.push(0);
  const beneficiaries = new Column("int32");

  const positionOf = (row: number) => widePositions.get(row) ?? String(positions.at(row));

  const record = (d: DistributionRecorded, position: bigint) => {
    const row = ids.add(d.distributionId);
    if (row < 0) {
      repeats.push([positionText(position), d.distributionId, positionOf(-1 - row), d.submissionId, d.cboId]);
      return;
    }
    if (position <= MAX_EXACT) positions.push(Number(position));
    else {
      positions.push(-1);
      widePositions.set(row, positionText(position));
    }
    submission.push(text.code(d.submissionId));
    cbo.push(text.code(d.cboId));
    service.push(text.code(d.service));
    const date = text.code(d.distributedOn);
    on.push(date);
    if (!monthOf.has(date)) monthOf.set(date, text.code(d.distributedOn.slice(0, 7)));
    quantity.push(d.quantity);
    value.push(d.valuePaise);
    kind.push(text.code(d.funding.kind));
    fundOf.push(d.funding.kind === "fund" ? text.code(d.funding.fundId) + 1 : 0);
    scheme.push(d.funding.kind === "scheme" ? text.code(d.funding.scheme) + 1 : 0);
    district.push(d.district === null || d.district === undefined ? 0 : text.code(d.district) + 1);
    for (const b of d.beneficiaries) {
      beneficiaries.push(pseudonyms.code(b.pseudonym));
      beneficiaries.push(small.code(b.type));
      beneficiaries.push(small.code(b.keyId));
    }
    beneficiaryStart.push(beneficiaries.length);
  };

  // The store makes a second void a conflict; should one slip through, the first stands (as live).
  const voidIt = (v: DistributionVoided, position: string) => {
    if (!voids.has(v.distributionId)) voids.set(v.distributionId, { position, cboId: v.cboId, reason: v.reason });
  };

  const fund = (f: FundsReceived) => {
    if (funds.has(f.fundId)) return;
    funds.set(f.fundId, {
      fundId: f.fundId,
      donorId: f.donorId,
      cboId: f.cboId,
      amountPaise: f.amountPaise,
      receivedOn: f.receivedOn,
      restrictedTo: f.restrictedTo ? f.restrictedTo.toSorted() : null,
      reference: f.reference ?? null,
    });
  };

  const apply = (event: LedgerEvent, recorded: RecordedEvent) => {
    const position = positionText(recorded.position);
    switch (event.type) {
      case "CboRegistered": {
        const { cboId, name, state, district } = event.data;
        if (!cbos.has(cboId)) cbos.set(cboId, [cboId, name, state, district]);
        return;
      }
      case "DonorRegistered":
        if (!donors.has(event.data.donorId))
          donors.set(event.data.donorId, [event.data.donorId, event.data.name, event.data.kind]);
        return;
      case "FundsReceived":
        return fund(event.data);
      case "DistributionRecorded":
        return record(event.data, recorded.position);
      case "DistributionVoided":
        return voidIt(event.data, position);
      case "DedupPolicySet":
        policy = applyDedupRules(policy, event.data.rules);
        return;
      case "DuplicateFlagResolved":
        // In log order, so the last resolution of a flag is the one that stands.
        resolutions.set(event.data.flagId, [
          event.data.flagId,
          event.data.verdict,
          event.data.note,
          recorded.recordedAt,
        ]);
        return;
      case "FlagNoteAdded":
        // In log order, which is position order: the table's key.
        notes.push([position, event.data.flagId, event.data.cboId, event.data.note, recorded.recordedAt]);
        return;
      case "LedgerHeadSigned":
        return; // signed heads are kept by the audit log, not by these tables
    }
  };

  return {
    add(events) {
      for (const recorded of events) {
        if (recorded.position <= last) continue;
        last = recorded.position;
        if (!isEventType(recorded.type)) continue;
        const parsed = parseStoredLedgerEvent(recorded.type, recorded.data);
        if (!parsed.ok) {
          rejected.push([
            positionText(recorded.position),
            recorded.id,
            recorded.stream,
            recorded.type,
            JSON.stringify(parsed.errors),
          ]);
          continue;
        }
        apply(parsed.value, recorded);
      }
    },
    checkpoint: () => last,
    write(db, digest) {
      writeTables(db, digest, {
        last,
        rejected,
        cbos,
        donors,
        funds,
        policy,
        resolutions,
        notes,
        repeats,
        voids,
        columns: {
          text,
          pseudonyms,
          small,
          ids,
          positionOf,
          submission: submission.view(),
          cbo: cbo.view(),
          service: service.view(),
          on: on.view(),
          monthOf,
          quantity: quantity.view(),
          value: value.view(),
          kind: kind.view(),
          fundOf: fundOf.view(),
          scheme: scheme.view(),
          district: district.view(),
          beneficiaryStart: beneficiaryStart.view(),
          beneficiaries: beneficiaries.view(),
        },
      });
    },
  };
}

interface Folded {
  last: bigint;
  rejected: unknown[][];
  cbos: Map<string, unknown[]>;
  donors: Map<string, unknown[]>;
  funds: Map<string, FundRow>;
  policy: DedupPolicy;
  resolutions: Map<string, unknown[]>;
  notes: unknown[][];
  repeats: unknown[][];
  voids: Map<string, { position: string; cboId: string; reason: string }>;
  columns: {
    text: Interned;
    pseudonyms: Interned;
    small: Interned;
    ids: DistributionIds;
    positionOf: (row: number) => string;
    submission: ArrayLike<number>;
    cbo: ArrayLike<number>;
    service: ArrayLike<number>;
    on: ArrayLike<number>;
    monthOf: Map<number, number>;
    quantity: ArrayLike<number>;
    value: ArrayLike<number>;
    kind: ArrayLike<number>;
    fundOf: ArrayLike<number>;
    scheme: ArrayLike<number>;
    district: ArrayLike<number>;
    beneficiaryStart: ArrayLike<number>;
    beneficiaries: ArrayLike<number>;
  };
}

const byKey = <T>(map: Map<string, T>): T[] => [...map.keys()].sort().map((key) => map.get(key)!);

/** Positions up to this are kept as doubles, exactly. */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

function assertSafe(product: number, what: string): void {
  if (!Number.isSafeInteger(product)) throw new Error(`the fold cannot key ${what}: ${product} keys exceed 2^53`);
}

function writeTables(db: Database, digest: WrittenDigest | undefined, f: Folded): void {
  const insert: Insert = (table, width, verb) => new BulkInsert(db, table, width, verb, digest);
  const c = f.columns;
  const n = c.ids.length;
  /** The text of a code + 1 (a column of a field that may be absent), null for 0. */
  const txt = (codePlusOne: number) => (codePlusOne === 0 ? null : c.text.value(codePlusOne - 1));
  const monthCode = (i: number) => c.monthOf.get(c.on[i]!)!;
  const voided = new Uint8Array(n);
  for (const id of f.voids.keys()) {
    const i = c.ids.find(id);
    if (i !== -1) voided[i] = 1;
  }
  // No id or pseudonym is looked up from here on: their lookups go before the write phase's arrays come.
  c.ids.dropIndex();
  c.pseudonyms.freeze();
  let counted = 0;
  for (let i = 0; i < n; i++) if (!voided[i]) counted++;
  const sortKeys = new SortKeys();

  // Ranks: a string's place among the distinct values of its kind, so numeric order is text order.
  const idOrder = c.ids.sorted(); // row by id rank
  const idRank = new Int32Array(n);
  for (let rank = 0; rank < n; rank++) idRank[idOrder[rank]!] = rank;
  const textRank = c.text.ranks();
  const pseudonymRank = c.pseudonyms.ranks();
  const pseudonymByRank = c.pseudonyms.byRank();

  // Persons: components of counted distributions that share a pseudonym, named by their smallest.
  const P = c.pseudonyms.size();
  const parent = new Int32Array(P).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const inCounted = new Uint8Array(P);
  for (let i = 0; i < n; i++) {
    if (voided[i]) continue;
    const start = c.beneficiaryStart[i]!;
    const firstRoot = find(c.beneficiaries[start]!);
    for (let b = start; b < c.beneficiaryStart[i + 1]!; b += BENEFICIARY_FIELDS) {
      const p = c.beneficiaries[b]!;
      inCounted[p] = 1;
      const root = find(p);
      if (root !== firstRoot) parent[root] = firstRoot;
    }
  }
  // Each component's name: the rank of its smallest pseudonym.
  const nameRank = new Int32Array(P).fill(-1);
  for (let p = 0; p < P; p++) {
    if (!inCounted[p]) continue;
    const root = find(p);
    if (nameRank[root] === -1 || pseudonymRank[p]! < nameRank[root]!) nameRank[root] = pseudonymRank[p]!;
  }
  /** The person of a counted distribution, as the rank of her name (-1 when voided). */
  const personRank = new Int32Array(n).fill(-1);
  const personSize = new Int32Array(P);
  for (let i = 0; i < n; i++) {
    if (voided[i]) continue;
    const rank = nameRank[find(c.beneficiaries[c.beneficiaryStart[i]!]!)]!;
    personRank[i] = rank;
    personSize[rank]! += 1;
  }
  const personName = (rank: number) => pseudonymByRank[rank]!;

  // Attribution: one walk per CBO over its counted distributions in (distributedOn, distributionId)
  // order, with its funds oldest first (receivedOn, fundId); a fund pays only for its own CBO.
  const fundsOfCbo = new Map<string, (WalkFund & { receivedOn: string })[]>();
  const balances = new Map<string, Map<string, number>>();
  for (const fund of f.funds.values()) {
    const list = fundsOfCbo.get(fund.cboId) ?? [];
    list.push({ fundId: fund.fundId, restrictedTo: fund.restrictedTo, receivedOn: fund.receivedOn });
    fundsOfCbo.set(fund.cboId, list);
    const balance = balances.get(fund.cboId) ?? new Map<string, number>();
    balance.set(fund.fundId, fund.amountPaise);
    balances.set(fund.cboId, balance);
  }
  for (const list of fundsOfCbo.values()) {
    list.sort((a, b) =>
      a.receivedOn !== b.receivedOn ? (a.receivedOn < b.receivedOn ? -1 : 1) : a.fundId < b.fundId ? -1 : 1,
    );
  }
  // (distributedOn, distributionId) order: the date's rank, then the id's.
  assertSafe(c.text.size() * n, "walks");
  const walkSorted = new Float64Array(counted);
  for (let i = 0, k = 0; i < n; i++) if (!voided[i]) walkSorted[k++] = textRank[c.on[i]!]! * n + idRank[i]!;
  walkSorted.sort();
  const attributed = new Float64Array(n);
  // Allocations as columns: the distribution's row, the fund's text code, the paise.
  const allocationRow = new Column("int32");
  const allocationFund = new Column("int32");
  const allocationPaise = new Column("float64");
  for (const key of walkSorted) {
    const i = idOrder[key % n]!;
    const cboId = c.text.value(c.cbo[i]!);
    const list = fundsOfCbo.get(cboId);
    if (list === undefined) continue;
    const taken = allocate(
      {
        service: c.text.value(c.service[i]!),
        valuePaise: c.value[i]!,
        fundingKind: c.text.value(c.kind[i]!),
        fundId: txt(c.fundOf[i]!),
      },
      list,
      balances.get(cboId)!,
    );
    for (const { fundId, paise } of taken) {
      allocationRow.push(i);
      allocationFund.push(c.text.code(fundId));
      allocationPaise.push(paise);
      attributed[i]! += paise;
    }
  }

  // Registry.
  const addCbo = insert("cbos", 4);
  for (const row of byKey(f.cbos)) addCbo.row(...row);
  addCbo.flush();
  const addDonor = insert("donors", 3);
  for (const row of byKey(f.donors)) addDonor.row(...row);
  addDonor.flush();

  // Distributions, by distribution_id.
  const addDistribution = insert("distributions", 15);
  for (let rank = 0; rank < n; rank++) {
    const i = idOrder[rank]!;
    addDistribution.row(
      c.ids.text(i),
      c.positionOf(i),
      c.text.value(c.submission[i]!),
      c.text.value(c.cbo[i]!),
      c.text.value(c.service[i]!),
      c.text.value(c.on[i]!),
      c.text.value(monthCode(i)),
      c.quantity[i],
      c.value[i],
      c.text.value(c.kind[i]!),
      txt(c.fundOf[i]!),
      txt(c.scheme[i]!),
      txt(c.district[i]!),
      voided[i],
      voided[i] ? null : personName(personRank[i]!),
    );
  }
  addDistribution.flush();
  writePseudonyms(insert, c, idOrder, idRank, sortKeys);
  const addRepeat = insert("repeated_distributions", 5);
  for (const row of f.repeats) addRepeat.row(...row);
  addRepeat.flush();
  const addVoid = insert("voids", 4);
  for (const id of [...f.voids.keys()].sort()) {
    const v = f.voids.get(id)!;
    addVoid.row(id, v.position, v.cboId, v.reason);
  }
  addVoid.flush();

  // Persons.
  const addPseudonymPerson = insert("pseudonym_persons", 2);
  for (let rank = 0; rank < P; rank++) {
    const p = c.pseudonyms.codeOfRank(rank);
    if (!inCounted[p]) continue;
    addPseudonymPerson.row(pseudonymByRank[rank], personName(nameRank[find(p)]!));
  }
  addPseudonymPerson.flush();
  const addPerson = insert("persons", 2);
  for (let rank = 0; rank < P; rank++) if (personSize[rank]! > 0) addPerson.row(personName(rank), personSize[rank]);
  addPerson.flush();

  // Attribution.
  const fundRows = byKey(f.funds);
  const addFund = insert("funds", 8);
  for (const fund of fundRows) {
    addFund.row(
      fund.fundId,
      fund.donorId,
      fund.cboId,
      fund.amountPaise,
      fund.receivedOn,
      fund.receivedOn.slice(0, 7),
      fund.restrictedTo === null ? null : JSON.stringify(fund.restrictedTo),
      fund.reference,
    );
  }
  addFund.flush();
  const A = allocationRow.length;
  const allocRow = allocationRow.view();
  const allocFund = allocationFund.view();
  const allocPaise = allocationPaise.view();
  writeAllocations(insert, c, { count: A, row: allocRow, fund: allocFund, paise: allocPaise }, idRank, sortKeys);
  writeFundSummaries(
    insert,
    fundRows,
    { count: A, row: allocRow, fund: allocFund, paise: allocPaise, fundCode: (fundId) => c.text.code(fundId) },
    (i) => ({ service: c.text.value(c.service[i]!), month: c.text.value(monthCode(i)), person: personRank[i]! }),
    P,
  );

  // Totals.
  writeTotals(insert, {
    sortKeys,
    voided,
    idOrder,
    ids: (i) => c.ids.text(i),
    personRank,
    persons: P,
    personName,
    attributed,
    funds: f.funds.values(),
    cell: (i) => ({
      cboId: c.text.value(c.cbo[i]!),
      service: c.text.value(c.service[i]!),
      month: c.text.value(monthCode(i)),
      value: c.value[i]!,
      scheme: c.text.value(c.kind[i]!) === "scheme" ? c.value[i]! : 0,
    }),
  });

  // Flags: per person and service with a rule, her distributions in (distributedOn, distributionId) order.
  const addPolicy = insert("dedup_policy", 3);
  for (const s of [...SERVICES].sort())
    addPolicy.row(s, f.policy[s]?.windowDays ?? null, f.policy[s]?.maxPerWindow ?? null);
  addPolicy.flush();
  writeFlags(insert, f, { walkSorted, idOrder, idRank, personRank, personName, sortKeys });
  const addResolution = insert("flag_resolutions", 4);
  for (const row of byKey(f.resolutions)) addResolution.row(...row);
  addResolution.flush();
  const addNote = insert("flag_notes", 5);
  for (const row of f.notes) addNote.row(...row);
  addNote.flush();

  // The runner's own.
  const addRejected = insert("rejected_events", 5, "INSERT OR IGNORE");
  for (const row of f.rejected) addRejected.row(...row);
  addRejected.flush();
  if (f.last > 0n) db.prepare("INSERT INTO checkpoint VALUES (1, ?)").run(positionText(f.last));
}

/** distribution_pseudonyms, by (pseudonym, distribution_id): each entry keyed by its ranks. */
function writePseudonyms(
  insert: Insert,
  c: Folded["columns"],
  idOrder: Int32Array,
  idRank: Int32Array,
  sortKeys: SortKeys,
): void {
  const n = c.ids.length;
  const P = c.pseudonyms.size();
  const pseudonymRank = c.pseudonyms.ranks();
  const pseudonymByRank = c.pseudonyms.byRank();
  assertSafe(P * n, "pseudonyms");
  const pairKeys = sortKeys.take(c.beneficiaries.length / BENEFICIARY_FIELDS);
  for (let i = 0, k = 0; i < n; i++) {
    for (let b = c.beneficiaryStart[i]!; b < c.beneficiaryStart[i + 1]!; b += BENEFICIARY_FIELDS) {
      pairKeys[k++] = pseudonymRank[c.beneficiaries[b]!]! * n + idRank[i]!;
    }
  }
  pairKeys.sort();
  const addPseudonym = insert("distribution_pseudonyms", 4);
  for (const key of pairKeys) {
    const i = idOrder[key % n]!;
    const pseudonymRankOf = Math.floor(key / n);
    for (let b = c.beneficiaryStart[i]!; b < c.beneficiaryStart[i + 1]!; b += BENEFICIARY_FIELDS) {
      if (pseudonymRank[c.beneficiaries[b]!] !== pseudonymRankOf) continue;
      addPseudonym.row(
        pseudonymByRank[pseudonymRankOf],
        c.ids.text(i),
        c.small.value(c.beneficiaries[b + 1]!),
        c.small.value(c.beneficiaries[b + 2]!),
      );
    }
  }
  addPseudonym.flush();
}

/** allocations, by (distribution_id, fund_id): a distribution takes from a fund once, so keys are distinct. */
function writeAllocations(
  insert: Insert,
  c: Folded["columns"],
  allocations: { count: number; row: ArrayLike<number>; fund: ArrayLike<number>; paise: ArrayLike<number> },
  idRank: Int32Array,
  sortKeys: SortKeys,
): void {
  const { count: A, row: allocRow, fund: allocFund, paise: allocPaise } = allocations;
  const n = c.ids.length;
  const fundRank = c.text.ranks();
  const F = c.text.size();
  assertSafe(n * F, "allocations");
  const allocationKeys = sortKeys.take(A);
  for (let a = 0; a < A; a++) allocationKeys[a] = idRank[allocRow[a]!]! * F + fundRank[allocFund[a]!]!;
  const allocationOrder = new Int32Array(A);
  for (let a = 0; a < A; a++) allocationOrder[a] = a;
  allocationOrder.sort((x, y) => allocationKeys[x]! - allocationKeys[y]!);
  const addAllocation = insert("allocations", 3);
  for (const a of allocationOrder)
    addAllocation.row(c.ids.text(allocRow[a]!), c.text.value(allocFund[a]!), allocPaise[a]);
  addAllocation.flush();
}

/**
 * flags, by distribution_id: per person and service with a rule, her distributions in
 * (distributedOn, distributionId) order through the live `findExcess`; each flag kept as codes
 * until all are found, then written in id order.
 */
function writeFlags(
  insert: Insert,
  f: Folded,
  order: {
    walkSorted: Float64Array;
    idOrder: Int32Array;
    idRank: Int32Array;
    personRank: Int32Array;
    personName: (rank: number) => string;
    sortKeys: SortKeys;
  },
): void {
  const c = f.columns;
  const n = c.ids.length;
  const { walkSorted, idOrder, idRank, personRank, personName, sortKeys } = order;
  const serviceRanked = [...SERVICES].sort();
  const serviceIndex = new Map<string, number>(serviceRanked.map((s, k) => [s, k]));
  const S = serviceRanked.length;
  const M = walkSorted.length;
  assertSafe(c.pseudonyms.size() * S * M, "flags");
  const candidates = sortKeys.take(M);
  let flagged = 0;
  walkSorted.forEach((key, place) => {
    const i = idOrder[key % n]!;
    const s = c.text.value(c.service[i]!) as Service;
    if (f.policy[s] === null) return;
    candidates[flagged++] = (personRank[i]! * S + serviceIndex.get(s)!) * M + place;
  });
  const flagKeys = candidates.subarray(0, flagged).sort();
  // Each flag as codes: its distribution's row, the person, the service, the window.
  const flagRow = new Column("int32");
  const flagPerson = new Column("int32");
  const flagService = new Column("int32");
  const flagCbos = new Column("int32");
  const flagOpens = new Column("int32");
  const flagEarlier = new Column("float64");
  const windows = new Interned(); // windowOpensOn dates and the JSON lists of CBOs
  const flagsOf = (group: number[], personRankOf: number, serviceAt: number) => {
    const rule = f.policy[serviceRanked[serviceAt]!]!;
    const rows = group.map((i) => ({
      distributionId: c.ids.text(i),
      distributedOn: c.text.value(c.on[i]!),
      cboId: c.text.value(c.cbo[i]!),
      row: i,
    }));
    for (const { distribution, windowOpensOn, earlierCount, cboIds } of findExcess(rows, rule)) {
      flagRow.push((distribution as (typeof rows)[number]).row);
      flagPerson.push(personRankOf);
      flagService.push(serviceAt);
      flagCbos.push(windows.code(JSON.stringify(cboIds)));
      flagOpens.push(windows.code(windowOpensOn));
      flagEarlier.push(earlierCount);
    }
  };
  let group: number[] = [];
  let groupKey = -1;
  for (const key of flagKeys) {
    const head = Math.floor(key / M);
    if (head !== groupKey && group.length > 0) {
      flagsOf(group, Math.floor(groupKey / S), groupKey % S);
      group = [];
    }
    groupKey = head;
    group.push(idOrder[walkSorted[key % M]! % n]!);
  }
  if (group.length > 0) flagsOf(group, Math.floor(groupKey / S), groupKey % S);

  const rowOf = flagRow.view();
  const byId = new Int32Array(rowOf.length);
  for (let k = 0; k < byId.length; k++) byId[k] = k;
  byId.sort((x, y) => idRank[rowOf[x]!]! - idRank[rowOf[y]!]!);
  const addFlag = insert("flags", 10);
  for (const k of byId) {
    const i = rowOf[k]!;
    const s = serviceRanked[flagService.at(k)]!;
    const rule = f.policy[s]!;
    addFlag.row(
      c.ids.text(i),
      personName(flagPerson.at(k)),
      s,
      c.text.value(c.on[i]!),
      c.text.value(c.cbo[i]!),
      windows.value(flagCbos.at(k)),
      windows.value(flagOpens.at(k)),
      flagEarlier.at(k),
      rule.windowDays,
      rule.maxPerWindow,
    );
  }
  addFlag.flush();
}
