import { join } from "node:path";
import { fileKeyring } from "@relief-ledger/http";
import {
  CBO,
  DONOR,
  OTHER_CBO,
  PSEUDONYM_KEY_ID,
  seedRegistrations,
  startHarness,
} from "@relief-ledger/ingest/testing";

export const TODAY = "2026-11-23";
export { CBO, DONOR, OTHER_CBO, PSEUDONYM_KEY_ID };
export const FUND = "0190f5a2-0000-7000-8000-00000000f001";

/**
 * The ingest service's own harness on a real port, seeded with two CBOs, a donor and a fund, and
 * accepting whatever `ledger keys create` adds to its keys file (re-read when it changes).
 */
export async function startIngest() {
  const keysFile = (dir: string) => join(dir, "api-keys.json");
  const h = await startHarness({ today: TODAY, moreKeys: (dir) => fileKeyring(keysFile(dir)), logger: false });
  await h.app.listen({ port: 0, host: "127.0.0.1" });
  const address = h.app.server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no port");
  await seedRegistrations(h);
  const fund = await h.call("admin", "POST", "/v1/funds", {
    fundId: FUND,
    donorId: DONOR,
    cboId: CBO,
    amountPaise: 500_000_000,
    receivedOn: "2026-01-15",
  });
  if (fund.status !== 201) throw new Error(`seeding the fund answered ${fund.status}`);

  /** DistributionRecorded events after a position, read from the store itself. */
  const recordedSince = async (after: bigint): Promise<number> => {
    let n = 0;
    for (let page = await h.store.readAll({ after }); ; page = await h.store.readAll({ after: page.next })) {
      n += page.events.filter((event) => event.type === "DistributionRecorded").length;
      if (page.isEnd) return n;
    }
  };

  return {
    url: `http://127.0.0.1:${address.port}`,
    dir: h.dir,
    keys: h.keys,
    keysFile: keysFile(h.dir),
    /** The store's location as `--store` takes it. */
    storeLocation: `sqlite:${h.storeFile}`,
    store: h.store,
    head: () => h.store.headPosition(),
    recordedSince,
    close: () => h.close(),
  };
}

export type Ingest = Awaited<ReturnType<typeof startIngest>>;
