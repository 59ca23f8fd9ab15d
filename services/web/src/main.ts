#!/usr/bin/env node
import { readConfig } from "@relief-ledger/http";
import { WebConfigSchema } from "./config.js";
import { startWeb } from "./service.js";

const web = await startWeb(readConfig(WebConfigSchema));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void web.close().then(() => process.exit(0)));
}
