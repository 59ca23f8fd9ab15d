import { Writable } from "node:stream";
import { loggerOptions } from "@relief-ledger/http";
import { probeForLeaks } from "@relief-ledger/http/testing";
import { tempDir } from "@relief-ledger/projections/testing";
import { afterAll, describe, expect, it } from "vitest";
import { ProjectorConfigSchema } from "./config.js";
import { startProjector } from "./service.js";

const dir = tempDir("ledger-projector-privacy-");
afterAll(() => dir.remove());

describe("privacy: the projector's health and metrics routes never return, log or measure request text", () => {
  it("plants a member's name and numbers in every part of a request, and finds them nowhere", async () => {
    let logs = "";
    const stream = new Writable({ write: (chunk, _, done) => ((logs += chunk.toString()), done()) });
    const config = ProjectorConfigSchema.parse({ LEDGER_DATA_DIR: dir.path, LEDGER_PROJECTOR_PORT: "0" });
    const projector = await startProjector(config, { logger: { ...(loggerOptions("projector") as object), stream } });
    try {
      await projector.live;
      const { leaks, requests } = await probeForLeaks({
        app: projector.app,
        tokens: [],
        logs: () => logs,
        hiddenRoutes: ["/health", "/metrics"],
      });
      expect(requests).toBeGreaterThan(10);
      expect(logs).toContain("incoming request");
      expect(leaks).toEqual([]);
    } finally {
      await projector.close();
    }
  });
});
