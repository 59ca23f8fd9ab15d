#!/usr/bin/env node
// The image's HEALTHCHECK (infra/docker/Dockerfile): exits 0 while this service answers its /health.
import { answersHealth, readConfig } from "@relief-ledger/http";
import { WebConfigSchema } from "./config.js";

process.exitCode = (await answersHealth(readConfig(WebConfigSchema).port)) ? 0 : 1;
