#!/usr/bin/env node
import { readConfig } from "@relief-ledger/http";
import { IngestConfigSchema } from "./config.js";
import { startIngest } from "./service.js";

const ingest = await startIngest(readConfig(IngestConfigSchema));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Fastify finishes in-flight requests before closing; each append has either committed or not.
    void ingest.close().then(() => process.exit(0));
  });
}
