#!/usr/bin/env node
import { readConfig, startOrExplain } from "@relief-ledger/http";
import { IngestConfigSchema } from "./config.js";
import { startIngest } from "./service.js";

const ingest = await startOrExplain("ingest", () => startIngest(readConfig(IngestConfigSchema)));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Fastify finishes in-flight requests before closing; each append has either committed or not.
    void ingest.close().then(() => process.exit(0));
  });
}
