import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../ci/repository-files.js";

/** Every service of the workspace (services/<name>/package.json): each needs an image target. */
export const workspaceServices = (): string[] =>
  readdirSync(join(REPO_ROOT, "services"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(REPO_ROOT, "services", entry.name, "package.json")))
    .map((entry) => entry.name)
    .sort();

/** The setting that holds a service's port: LEDGER_INGEST_PORT, … */
export const portSetting = (service: string): string => `LEDGER_${service.toUpperCase()}_PORT`;
