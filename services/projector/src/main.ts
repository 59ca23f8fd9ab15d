#!/usr/bin/env node
import { readConfig } from "@relief-ledger/http";
import { ProjectorConfigSchema } from "./config.js";
import { startProjector } from "./service.js";

const projector = await startProjector(readConfig(ProjectorConfigSchema));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  // A batch and its checkpoint commit together, so stopping between batches loses nothing.
  process.once(signal, () => void projector.close().then(() => process.exit(0)));
}
