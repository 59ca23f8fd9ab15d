import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPseudonymizer } from "@relief-ledger/domain";
import { openSqliteEventStore } from "@relief-ledger/event-store";
import { createApiKey, fileKeyring, staticKeyring, type Keyring } from "@relief-ledger/http";
import { buildIngestApp, openWriteIndex } from "@relief-ledger/ingest";

export const TODAY = "2026-11-23";
export const CBO = "ashodaya-samithi";
export const OTHER_CBO = "vamp-sangli";
export const DONOR = "azim-trust";
export const FUND = "0190f5a2-0000-7000-8000-00000000f001";

/** The fixed keys plus whatever `ledger keys create` adds to the keys file, re-read when it changes. */
const keyringOf = (fixed: Keyring, file: Keyring): Keyring => ({
  authenticate: (token) => fixed.authenticate(token) ?? file.authenticate(token),
  record: (keyId) => fixed.record(keyId) ?? file.record(keyId),
});

/**
 * The real ingest service on a real port and a real SQLite store, seeded over HTTP with two CBOs,
 * a donor and a fund, as an operator would.
 */
export async function startIngest() {
  const dir = mkdtempSync(join(tmpdir(), "ledger-cli-"));
  const store = openSqliteEventStore({ file: join(dir, "events.db") });
  const index = openWriteIndex(join(dir, "ingest-index.db"), store);
  const keys = {
    admin: createApiKey({ role: "admin" }),
    cbo: createApiKey({ role: "cbo", cboId: CBO }),
    otherCbo: createApiKey({ role: "cbo", cboId: OTHER_CBO }),
  };
  const keysFile = join(dir, "api-keys.json");
  const app = await buildIngestApp({
    store,
    index,
    pseudonymizer: createPseudonymizer({ keyId: "k1", key: randomBytes(32) }),
    keyring: keyringOf(staticKeyring(Object.values(keys).map((key) => key.record)), fileKeyring(keysFile)),
    today: () => TODAY,
    logger: false,
    rateLimitPerMinute: 100_000,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no port");
  const url = `http://127.0.0.1:${address.port}`;

  const admin = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${keys.admin.token}` },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`seeding ${path} answered ${response.status}`);
  };
  await admin("/v1/cbos", { cboId: CBO, name: "Ashodaya Samithi", state: "IN-KA", district: "Mysuru" });
  await admin("/v1/cbos", { cboId: OTHER_CBO, name: "VAMP", state: "IN-MH", district: "Sangli" });
  await admin("/v1/donors", { donorId: DONOR, name: "A Trust", kind: "trust" });
  await admin("/v1/funds", {
    fundId: FUND,
    donorId: DONOR,
    cboId: CBO,
    amountPaise: 500_000_000,
    receivedOn: "2026-01-15",
  });

  /** DistributionRecorded events after a position, read from the store itself. */
  const recordedSince = async (after: bigint): Promise<number> => {
    let n = 0;
    for (let page = await store.readAll({ after }); ; page = await store.readAll({ after: page.next })) {
      n += page.events.filter((event) => event.type === "DistributionRecorded").length;
      if (page.isEnd) return n;
    }
  };

  return {
    url,
    dir,
    keys,
    keysFile,
    /** The store's location as `--store` takes it. */
    storeLocation: `sqlite:${join(dir, "events.db")}`,
    store,
    head: () => store.headPosition(),
    recordedSince,
    async close() {
      await app.close();
      index.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Ingest = Awaited<ReturnType<typeof startIngest>>;
