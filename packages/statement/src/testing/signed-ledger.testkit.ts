import { writeFileSync } from "node:fs";
import {
  exportPublicKey,
  generateSigningKeyPem,
  openAuditLog,
  signNextHead,
  signingKeyFromPem,
  type AuditLog,
} from "@relief-ledger/audit";
import type { LedgerEvent } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { openProjector } from "@relief-ledger/projections";
import { appendEvents, byFund, cbo, distribution, donor, fund, tempDir, uid } from "@relief-ledger/projections/testing";

/**
 * The trust's statement scenario. Fund 1 (₹50,000, 2021-04-20) pays Sangama for grocery kits to 6
 * people in May and 7 in June (shown), cash to 5 people in May and ART to 2 in June: the ART cell
 * is small, and the cash cell, the fewest persons left, is withheld with it. Fund 2 (₹2,500,
 * 2021-08-01) pays one kit in September: its only cell is small, so its counts are withheld too.
 * "other-trust" gives nothing.
 */
export const STATEMENT_LEDGER: LedgerEvent[] = [
  cbo("sangama-blr", "IN-KA"),
  donor("azim-trust"),
  donor("other-trust"),
  fund({ fund: 1, cboId: "sangama-blr", amountPaise: 5_000_000, receivedOn: "2021-04-20" }),
  fund({ fund: 2, cboId: "sangama-blr", amountPaise: 250_000, receivedOn: "2021-08-01" }),
  ...[...Array(6).keys()].map((i) =>
    distribution({
      id: 100 + i,
      cboId: "sangama-blr",
      on: "2021-05-03",
      people: [100 + i],
      valuePaise: 150_000,
      funding: byFund(1),
      submission: 1,
    }),
  ),
  ...[...Array(7).keys()].map((i) =>
    distribution({
      id: 200 + i,
      cboId: "sangama-blr",
      on: "2021-06-03",
      people: [200 + i],
      valuePaise: 150_000,
      funding: byFund(1),
      submission: 2,
    }),
  ),
  ...[...Array(5).keys()].map((i) =>
    distribution({
      id: 300 + i,
      cboId: "sangama-blr",
      on: "2021-05-10",
      people: [300 + i],
      service: "cash_benefit",
      valuePaise: 100_000,
      funding: byFund(1),
      submission: 3,
    }),
  ),
  ...[...Array(2).keys()].map((i) =>
    distribution({
      id: 400 + i,
      cboId: "sangama-blr",
      on: "2021-06-12",
      people: [400 + i],
      service: "art_medicine",
      valuePaise: 80_000,
      funding: byFund(1),
      submission: 4,
    }),
  ),
  distribution({
    id: 500,
    cboId: "sangama-blr",
    on: "2021-09-02",
    people: [500],
    valuePaise: 150_000,
    funding: byFund(2),
    submission: 5,
  }),
];

export const FUND_1 = uid(1);
export const FUND_2 = uid(2);

/**
 * A real SQLite ledger in a temp dir with its projector keeping the Merkle index and heads, as
 * the projector service does, and a real Ed25519 key that signs heads on demand.
 */
export async function openSignedLedger(events: LedgerEvent[] = STATEMENT_LEDGER) {
  const dir = tempDir("ledger-statement");
  const storeFile = dir.file("events.db");
  const readModelFile = dir.file("read-models.db");
  const publicKeyFile = dir.file("ledger.pub.pem");
  const key = signingKeyFromPem(generateSigningKeyPem());
  writeFileSync(publicKeyFile, exportPublicKey(key).publicKeyPem);
  const store = openSqliteEventStore({ file: storeFile });
  let audit!: AuditLog;
  const projector = openProjector({ store, file: readModelFile, step: (db) => (audit = openAuditLog(db)).step });
  audit.keys.recordInUse(key);
  await appendEvents(store, events);
  await projector.runOnce();
  return {
    dir,
    store,
    storeFile,
    readModelFile,
    publicKeyFile,
    key,
    /** Appends events and projects them, leaving them unsigned. */
    async append(more: LedgerEvent[]) {
      await appendEvents(store, more);
      await projector.runOnce();
    },
    /** Signs the index as it stands and lets the projector record the head, as the service does. */
    async sign(): Promise<number> {
      const result = await signNextHead({ store, index: audit.index, key });
      if (!result.signed) throw new Error(result.reason);
      await projector.runOnce();
      return result.head.treeSize;
    },
    async close() {
      await projector.close();
      await store.close();
      dir.remove();
    },
  };
}
export type SignedLedger = Awaited<ReturnType<typeof openSignedLedger>>;
