import { tempDir } from "@relief-ledger/event-store/testing";
import { fileKeyring, keyStatus, readApiKeysFile } from "@relief-ledger/http";
import { todayInIndia } from "@relief-ledger/ingest";
import { startHarness } from "@relief-ledger/ingest/testing";
import { describe, expect, it } from "vitest";
import { createRoleKeys, LOADER_LABEL } from "./keys.js";
import { loadThenRevoke, smallDemo } from "./load-demo.js";

/** The real ingest service on a real port, reading the keys file `pnpm start` writes. */
async function startIngest(keysFile: string) {
  const ingest = await startHarness({ today: todayInIndia(), logger: false, moreKeys: () => fileKeyring(keysFile) });
  return { url: await ingest.app.listen({ port: 0, host: "127.0.0.1" }), close: () => ingest.close() };
}

const voidStatus = (url: string, token: string) =>
  fetch(`${url}/v1/distributions/00000000-0000-4000-8000-000000000000/void`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ reason: "probe" }),
  }).then((response) => response.status);

describe("the demo loader's keys", () => {
  it("are revoked when the load ends, so the service refuses them; the printed role keys stay", async () => {
    const dir = tempDir("ledger-demo-load");
    const keysFile = dir.file("api-keys.json");
    const demo = smallDemo(keysFile);
    const printed = createRoleKeys(keysFile, demo);
    const ingest = await startIngest(keysFile);
    try {
      await loadThenRevoke(demo, keysFile, ingest.url);
      for (const token of demo.loaderTokens) expect(await voidStatus(ingest.url, token)).toBe(401);
      expect(await voidStatus(ingest.url, printed.cbo)).toBe(422); // accepted, and told the id is unknown
      const keys = [...readApiKeysFile(keysFile).values()];
      expect(keys.filter((k) => k.label === LOADER_LABEL).map((k) => keyStatus(k))).toEqual(["revoked", "revoked"]);
      expect(keys.filter((k) => k.label === "demo").map((k) => keyStatus(k))).toEqual(Array(4).fill("active"));
    } finally {
      await ingest.close();
      dir.remove();
    }
  });

  it("are revoked when the load fails too", async () => {
    const dir = tempDir("ledger-demo-load-fails");
    const keysFile = dir.file("api-keys.json");
    const demo = smallDemo(keysFile);
    await expect(loadThenRevoke(demo, keysFile, "http://127.0.0.1:9")).rejects.toThrow();
    expect([...readApiKeysFile(keysFile).values()].map((k) => keyStatus(k))).toEqual(["revoked", "revoked"]);
    dir.remove();
  });
});
