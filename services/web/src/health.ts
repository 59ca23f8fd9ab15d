#!/usr/bin/env node
// The image's HEALTHCHECK (infra/docker/Dockerfile): exits 0 while this service answers its /health.
import { probeHealth } from "@relief-ledger/http";
import { WebConfigSchema } from "./config.js";

await probeHealth(WebConfigSchema);
