#!/usr/bin/env node
import { readConfig, startOrExplain } from "@relief-ledger/http";
import { QueryConfigSchema } from "./config.js";
import { startQuery } from "./service.js";

const query = await startOrExplain("query", () => startQuery(readConfig(QueryConfigSchema)));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void query.close().then(() => process.exit(0)));
}
