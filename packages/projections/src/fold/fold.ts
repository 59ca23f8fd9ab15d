import type { Database } from "better-sqlite3";
import {
  DEFAULT_DEDUP_POLICY,
  SERVICES,
  applyDedupRules,
  isEventType,
  parseLedgerEvent,
  type DedupPolicy,
  type DistributionRecorded,
  type DistributionVoided,
  type FundsReceived,
  type LedgerEvent,
  type Service,
} from "@relief-ledger/domain";
import type { RecordedEvent } from "@relief-ledger/event-store";
import { allocate, type WalkFund } from "../attribution/allocate.js";
import { findExcess, type Dated } from "../flags/excess.js";
import { positionText } from "../projection.js";
import { Column, Interned } from "./interned.js";
import { writeFundSummaries, writeTotals } from "./sums.js";

/**
 * The read models of a whole log computed in memory, for a rebuild: the rules of the live
 * projections (docs/rules.md) applied once to the final state instead of batch by batch. Persons
 * are a union–find over interned pseudonyms; each CBO's attribution is one walk; totals, person
 * counts and flags are grouped by sorting numeric keys. Its tables must equal, row for row, what
 * the live projector writes for the same log: the rebuild and property tests compare digests.
 *
 * Memory is linear in history (about 250 bytes per distribution), so this is for rebuilds and
 * replays only; the live projector keeps its bounded per-batch path.
 */
export interface Fold {
  /** Folds the next events of the log, in log order. */
  add(events: readonly RecordedEvent[]): void;
  /** The position of the last event folded (0 before any). */
  checkpoint(): bigint;
  /** Writes every table of every projection into `db`, each once, in key order. */
  write(db: Database): void;
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
  const repeats: unknown[][] = [];
  const voids = new Map<string, { position: string; cboId: string; reason: string }>();

  // Distributions, one column per field; strings that repeat are interned as codes.
  const text = new Interned(); // cbo ids, services, dates, months, funding kinds, fund ids, schemes, districts, submissions
  const pseudonyms = new Interned();
  const small = new Interned(); // identifier types and key ids
  const index = new Map<string, number>();
  const ids: string[] = [];
  const positions: string[] = [];
  const submission = new Column("int32");
  const cbo = new Column("int32");
  const service = new Column("int32");
  const on = new Column("int32");
  const month = new Column("int32");
  const quantity = new Column("float64");
  const value = new Column("float64");
  const kind = new Column("int32");
  const fundOf = new Column("int32"); // -1: none
  const scheme = new Column("int32");
  const district = new Column("int32");
  const beneficiaryStart = new Column("int32");
  beneficiaryStart.push(0);
  const beneficiaries = new Column("int32");
  const NONE = -1;
  const code = (interned: Interned, value: string | null | undefined) =>
    value === null || value === undefined ? NONE : interned.code(value);

  const record = (d: DistributionRecorded, position: string) => {
    const first = index.get(d.distributionId);
    if (first !== undefined) {
      repeats.push([position, d.distributionId, positions[first], d.submissionId, d.cboId]);
      return;
    }
    index.set(d.distributionId, ids.length);
    ids.push(d.distributionId);
    positions.push(position);
    submission.push(text.code(d.submissionId));
    cbo.push(text.code(d.cboId));
    service.push(text.code(d.service));
    on.push(text.code(d.distributedOn));
    month.push(text.code(d.distributedOn.slice(0, 7)));
    quantity.push(d.quantity);
    value.push(d.valuePaise);
    kind.push(text.code(d.funding.kind));
    fundOf.push(d.funding.kind === "fund" ? text.code(d.funding.fundId) : NONE);
    scheme.push(d.funding.kind === "scheme" ? text.code(d.funding.scheme) : NONE);
    district.push(code(text, d.district));
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
        return record(event.data, position);
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
        const parsed = parseLedgerEvent(recorded.type, recorded.data);
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
    write(db) {
      writeTables(db, {
        last,
        rejected,
        cbos,
        donors,
        funds,
        policy,
        resolutions,
        repeats,
        voids,
        columns: {
          text,
          pseudonyms,
          small,
          index,
          ids,
          positions,
          submission: submission.view(),
          cbo: cbo.view(),
          service: service.view(),
          on: on.view(),
          month: month.view(),
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
  repeats: unknown[][];
  voids: Map<string, { position: string; cboId: string; reason: string }>;
  columns: {
    text: Interned;
    pseudonyms: Interned;
    small: Interned;
    index: Map<string, number>;
    ids: string[];
    positions: string[];
    submission: ArrayLike<number>;
    cbo: ArrayLike<number>;
    service: ArrayLike<number>;
    on: ArrayLike<number>;
    month: ArrayLike<number>;
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

/** Sorts numeric keys (each below 2^53) ascending, natively. */
const sortedKeys = (keys: number[]): Float64Array => new Float64Array(keys).sort();

function assertSafe(product: number, what: string): void {
  if (!Number.isSafeInteger(product)) throw new Error(`the fold cannot key ${what}: ${product} keys exceed 2^53`);
}

function writeTables(db: Database, f: Folded): void {
  const c = f.columns;
  const n = c.ids.length;
  const txt = (codeOf: number) => (codeOf === -1 ? null : c.text.value(codeOf));
  const voided = new Uint8Array(n);
  for (const id of f.voids.keys()) {
    const i = c.index.get(id);
    if (i !== undefined) voided[i] = 1;
  }

  // Ranks: a string's place among the distinct values of its kind, so numeric order is text order.
  const idOrder = Array.from({ length: n }, (_, i) => i).sort((a, b) => (c.ids[a]! < c.ids[b]! ? -1 : 1));
  const idRank = new Int32Array(n);
  idOrder.forEach((i, rank) => (idRank[i] = rank));
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
  const walkKey = (i: number) => textRank[c.on[i]!]! * n + idRank[i]!;
  assertSafe(c.text.size() * n, "walks");
  const walkOrder: number[] = [];
  for (let i = 0; i < n; i++) if (!voided[i]) walkOrder.push(walkKey(i));
  const byRank = new Int32Array(n);
  idOrder.forEach((i, rank) => (byRank[rank] = i));
  const attributed = new Float64Array(n);
  const allocationRows: { distribution: number; fundId: string; paise: number }[] = [];
  for (const key of sortedKeys(walkOrder)) {
    const i = byRank[key % n]!;
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
      allocationRows.push({ distribution: i, fundId, paise });
      attributed[i]! += paise;
    }
  }

  const insert = (sql: string) => db.prepare(sql);

  // Registry.
  const addCbo = insert("INSERT INTO cbos VALUES (?, ?, ?, ?)");
  for (const row of byKey(f.cbos)) addCbo.run(...row);
  const addDonor = insert("INSERT INTO donors VALUES (?, ?, ?)");
  for (const row of byKey(f.donors)) addDonor.run(...row);

  // Distributions, by distribution_id.
  const addDistribution = insert("INSERT INTO distributions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const i of idOrder) {
    addDistribution.run(
      c.ids[i],
      c.positions[i],
      c.text.value(c.submission[i]!),
      c.text.value(c.cbo[i]!),
      c.text.value(c.service[i]!),
      c.text.value(c.on[i]!),
      c.text.value(c.month[i]!),
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
  // distribution_pseudonyms, by (pseudonym, distribution_id).
  assertSafe(P * n, "pseudonyms");
  const pairKeys: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let b = c.beneficiaryStart[i]!; b < c.beneficiaryStart[i + 1]!; b += BENEFICIARY_FIELDS) {
      pairKeys.push(pseudonymRank[c.beneficiaries[b]!]! * n + idRank[i]!);
    }
  }
  const addPseudonym = insert("INSERT INTO distribution_pseudonyms VALUES (?, ?, ?, ?)");
  for (const key of sortedKeys(pairKeys)) {
    const i = byRank[key % n]!;
    const pseudonym = pseudonymByRank[Math.floor(key / n)]!;
    for (let b = c.beneficiaryStart[i]!; b < c.beneficiaryStart[i + 1]!; b += BENEFICIARY_FIELDS) {
      if (c.pseudonyms.value(c.beneficiaries[b]!) !== pseudonym) continue;
      addPseudonym.run(
        pseudonym,
        c.ids[i],
        c.small.value(c.beneficiaries[b + 1]!),
        c.small.value(c.beneficiaries[b + 2]!),
      );
    }
  }
  const addRepeat = insert("INSERT INTO repeated_distributions VALUES (?, ?, ?, ?, ?)");
  for (const row of f.repeats) addRepeat.run(...row);
  const addVoid = insert("INSERT INTO voids VALUES (?, ?, ?, ?)");
  for (const id of [...f.voids.keys()].sort()) {
    const v = f.voids.get(id)!;
    addVoid.run(id, v.position, v.cboId, v.reason);
  }

  // Persons.
  const addPseudonymPerson = insert("INSERT INTO pseudonym_persons VALUES (?, ?)");
  const addPerson = insert("INSERT INTO persons VALUES (?, ?)");
  for (let rank = 0; rank < P; rank++) {
    const p = c.pseudonyms.codeOfRank(rank);
    if (!inCounted[p]) continue;
    addPseudonymPerson.run(pseudonymByRank[rank], personName(nameRank[find(p)]!));
  }
  for (let rank = 0; rank < P; rank++) if (personSize[rank]! > 0) addPerson.run(personName(rank), personSize[rank]);

  // Attribution.
  const addFund = insert("INSERT INTO funds VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  for (const fund of byKey(f.funds)) {
    addFund.run(
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
  allocationRows.sort((a, b) =>
    a.distribution !== b.distribution
      ? idRank[a.distribution]! - idRank[b.distribution]!
      : a.fundId < b.fundId
        ? -1
        : 1,
  );
  const addAllocation = insert("INSERT INTO allocations VALUES (?, ?, ?)");
  for (const row of allocationRows) addAllocation.run(c.ids[row.distribution], row.fundId, row.paise);
  writeFundSummaries(
    db,
    byKey(f.funds),
    allocationRows,
    (i) => ({ service: c.text.value(c.service[i]!), month: c.text.value(c.month[i]!), person: personRank[i]! }),
    P,
  );

  // Totals.
  writeTotals(db, {
    voided,
    idOrder,
    ids: c.ids,
    personRank,
    persons: P,
    personName,
    attributed,
    funds: f.funds.values(),
    cell: (i) => ({
      cboId: c.text.value(c.cbo[i]!),
      service: c.text.value(c.service[i]!),
      month: c.text.value(c.month[i]!),
      value: c.value[i]!,
      scheme: c.text.value(c.kind[i]!) === "scheme" ? c.value[i]! : 0,
    }),
  });

  // Flags: per person and service with a rule, her distributions in (distributedOn, distributionId) order.
  const addPolicy = insert("INSERT INTO dedup_policy VALUES (?, ?, ?)");
  for (const s of [...SERVICES].sort())
    addPolicy.run(s, f.policy[s]?.windowDays ?? null, f.policy[s]?.maxPerWindow ?? null);
  const serviceRanked = [...SERVICES].sort();
  const serviceIndex = new Map<string, number>(serviceRanked.map((s, k) => [s, k]));
  const S = serviceRanked.length;
  assertSafe(P * S * walkOrder.length, "flags");
  const walkSorted = sortedKeys(walkOrder);
  const flagKeys: number[] = [];
  walkSorted.forEach((key, order) => {
    const i = byRank[key % n]!;
    const s = c.text.value(c.service[i]!) as Service;
    if (f.policy[s] === null) return;
    flagKeys.push((personRank[i]! * S + serviceIndex.get(s)!) * walkSorted.length + order);
  });
  const flags: unknown[][] = [];
  const flagsOf = (group: number[], personRankOf: number, s: Service) => {
    const rule = f.policy[s]!;
    const rows: Dated[] = group.map((i) => ({
      distributionId: c.ids[i]!,
      distributedOn: c.text.value(c.on[i]!),
      cboId: c.text.value(c.cbo[i]!),
    }));
    for (const { distribution, windowOpensOn, earlierCount, cboIds } of findExcess(rows, rule)) {
      flags.push([
        distribution.distributionId,
        personName(personRankOf),
        s,
        distribution.distributedOn,
        distribution.cboId,
        JSON.stringify(cboIds),
        windowOpensOn,
        earlierCount,
        rule.windowDays,
        rule.maxPerWindow,
      ]);
    }
  };
  let group: number[] = [];
  let groupKey = -1;
  const M = walkSorted.length;
  for (const key of sortedKeys(flagKeys)) {
    const head = Math.floor(key / M);
    if (head !== groupKey && group.length > 0) {
      flagsOf(group, Math.floor(groupKey / S), serviceRanked[groupKey % S]!);
      group = [];
    }
    groupKey = head;
    group.push(byRank[walkSorted[key % M]! % n]!);
  }
  if (group.length > 0) flagsOf(group, Math.floor(groupKey / S), serviceRanked[groupKey % S]!);
  flags.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  const addFlag = insert("INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  for (const row of flags) addFlag.run(...row);
  const addResolution = insert("INSERT INTO flag_resolutions VALUES (?, ?, ?, ?)");
  for (const row of byKey(f.resolutions)) addResolution.run(...row);

  // The runner's own.
  const addRejected = insert("INSERT OR IGNORE INTO rejected_events VALUES (?, ?, ?, ?, ?)");
  for (const row of f.rejected) addRejected.run(...row);
  if (f.last > 0n) insert("INSERT INTO checkpoint VALUES (1, ?)").run(positionText(f.last));
}
