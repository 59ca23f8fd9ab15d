import { writeFileSync } from "node:fs";
import {
  exportPublicKey,
  generateSigningKeyPem,
  openAuditLog,
  signNextHead,
  signingKeyFromPem,
  type AuditLog,
} from "@relief-ledger/audit";
import type { LedgerEvent, Service } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { openProjector } from "@relief-ledger/projections";
import { appendEvents, byFund, cbo, distribution, donor, fund, tempDir, uid } from "@relief-ledger/projections/testing";

interface PaidSpec {
  on: string;
  service?: Service;
  valuePaise: number;
  fund: number;
  submission: number;
}

/** `count` distributions by Sangama in one submission paid by one fund, one person each, numbered from `first`. */
const paidDistributions = (count: number, first: number, { fund, ...spec }: PaidSpec): LedgerEvent[] =>
  [...Array(count).keys()].map((i) =>
    distribution({ id: first + i, cboId: "sangama-blr", people: [first + i], funding: byFund(fund), ...spec }),
  );

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
  ...paidDistributions(6, 100, { on: "2021-05-03", valuePaise: 150_000, fund: 1, submission: 1 }),
  ...paidDistributions(7, 200, { on: "2021-06-03", valuePaise: 150_000, fund: 1, submission: 2 }),
  ...paidDistributions(5, 300, {
    on: "2021-05-10",
    service: "cash_benefit",
    valuePaise: 100_000,
    fund: 1,
    submission: 3,
  }),
  ...paidDistributions(2, 400, {
    on: "2021-06-12",
    service: "art_medicine",
    valuePaise: 80_000,
    fund: 1,
    submission: 4,
  }),
  ...paidDistributions(1, 500, { on: "2021-09-02", valuePaise: 150_000, fund: 2, submission: 5 }),
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
