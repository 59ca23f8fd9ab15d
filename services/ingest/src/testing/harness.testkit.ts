import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { createPseudonymizer, verhoeffCheckDigit } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { createApiKey, loggerOptions, staticKeyring, type Keyring } from "@relief-ledger/http";
import { buildIngestApp } from "../app.js";
import { readModelFlags } from "../flag-lookup.js";
import { openWriteIndex } from "../write-index/write-index.js";

export const TODAY = "2021-06-30";
/** The id of the harness's pseudonym key, as events and backups name it. */
export const PSEUDONYM_KEY_ID = "test-key";
export const CBO = "ashodaya-samithi";
export const OTHER_CBO = "vamp-sangli";
export const DONOR = "azim-trust";

export interface HarnessOptions {
  /** The date the service takes for today; TODAY unless a test needs its own. */
  today?: string;
  /** Keys beside the harness's own, e.g. a keys file the CLI writes (given the harness's folder). */
  moreKeys?: (dir: string) => Keyring;
  /** Logs are captured (see logs()) unless a test turns them off. */
  logger?: false;
}

/** The fixed keys first, then whatever else authenticates. */
const eitherKeyring = (fixed: Keyring, more: Keyring): Keyring => ({
  authenticate: (token) => fixed.authenticate(token) ?? more.authenticate(token),
  record: (keyId) => fixed.record(keyId) ?? more.record(keyId),
});

/**
 * A real ingest service on a real SQLite file in a fresh folder, with captured logs and one key
 * per role: the one harness for the service's own tests and for the CLI's.
 */
export async function startHarness(options: HarnessOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), "ledger-ingest-"));
  const storeFile = join(dir, "events.db");
  const store = openSqliteEventStore({ file: storeFile });
  const index = openWriteIndex(join(dir, "ingest-index.db"), store);
  // Where a test's projector writes the read model whose flags the service reads.
  const readModelFile = join(dir, "read-models.db");
  const flags = readModelFlags(readModelFile);
  const keys = {
    admin: createApiKey({ role: "admin" }),
    cbo: createApiKey({ role: "cbo", cboId: CBO }),
    otherCbo: createApiKey({ role: "cbo", cboId: OTHER_CBO }),
    unregisteredCbo: createApiKey({ role: "cbo", cboId: "unregistered-cbo" }),
    donor: createApiKey({ role: "donor", donorId: DONOR }),
    auditor: createApiKey({ role: "auditor" }),
  };
  const fixed = staticKeyring(Object.values(keys).map((key) => key.record));
  let logs = "";
  const logStream = new Writable({ write: (chunk, _, done) => ((logs += chunk.toString()), done()) });
  const app = await buildIngestApp({
    store,
    index,
    pseudonymizer: createPseudonymizer({ keyId: PSEUDONYM_KEY_ID, key: randomBytes(32) }),
    today: () => options.today ?? TODAY,
    flags,
    keyring: options.moreKeys ? eitherKeyring(fixed, options.moreKeys(dir)) : fixed,
    logger: options.logger ?? { ...(loggerOptions("ingest") as object), stream: logStream },
    rateLimitPerMinute: 100_000,
  });
  await app.ready();
  const responses: string[] = [];
  const call = async (
    role: keyof typeof keys | undefined,
    method: "GET" | "POST" | "PUT",
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await app.inject({
      method,
      url,
      headers: { ...(role ? { authorization: `Bearer ${keys[role].token}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
    responses.push(response.body);
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  return {
    app,
    dir,
    store,
    storeFile,
    readModelFile,
    keys,
    call,
    logs: () => logs,
    responses,
    async close() {
      await app.close();
      index.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** A valid Aadhaar number built from an 11-digit stem by appending its Verhoeff check digit. */
export const aadhaar = (stem: number): string => {
  const body = String(20_000_000_000 + stem);
  return body + verhoeffCheckDigit(body);
};

export const uuid = (n: number, prefix = "0190f5a2-0000-7000-8000"): string =>
  `${prefix}-${n.toString(16).padStart(12, "0")}`;

/** Registers the two CBOs and the donor the examples use. */
export async function seedRegistrations(h: Harness) {
  await h.call("admin", "POST", "/v1/cbos", {
    cboId: CBO,
    name: "Ashodaya Samithi",
    state: "IN-KA",
    district: "Mysuru",
  });
  await h.call("admin", "POST", "/v1/cbos", { cboId: OTHER_CBO, name: "VAMP", state: "IN-MH", district: "Sangli" });
  await h.call("admin", "POST", "/v1/donors", { donorId: DONOR, name: "A Trust", kind: "trust" });
}

/** Registers the CBOs, the donor and two funds the examples use. */
export async function seed(h: Harness) {
  await seedRegistrations(h);
  const foodFund = uuid(0xf001);
  const otherFund = uuid(0xf002);
  await h.call("admin", "POST", "/v1/funds", {
    fundId: foodFund,
    donorId: DONOR,
    cboId: CBO,
    amountPaise: 10_000_000,
    receivedOn: "2021-04-01",
    restrictedTo: ["grocery_kit"],
  });
  await h.call("admin", "POST", "/v1/funds", {
    fundId: otherFund,
    donorId: DONOR,
    cboId: OTHER_CBO,
    amountPaise: 5_000_000,
    receivedOn: "2021-04-01",
  });
  return { foodFund, otherFund };
}

export const distribution = (n: number, overrides: Record<string, unknown> = {}) => ({
  distributionId: uuid(n),
  service: "grocery_kit",
  beneficiaryRefs: [
    { type: "aadhaar", value: aadhaar(n) },
    { type: "phone", value: `+91 98${String(n).padStart(8, "0")}` },
  ],
  quantity: 1,
  valuePaise: 150_000,
  funding: { kind: "auto" },
  distributedOn: "2021-05-14",
  ...overrides,
});
