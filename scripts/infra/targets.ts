import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../ci/repository-files.js";

/** Every service of the workspace (services/<name>/package.json). */
const allWorkspaceServices = (): string[] =>
  readdirSync(join(REPO_ROOT, "services"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(REPO_ROOT, "services", entry.name, "package.json")))
    .map((entry) => entry.name)
    .sort();

/**
 * Services being built in parallel that an image or a deployment does not carry yet, with what is
 * missing. The infra tests report each as SKIPPED rather than failing; once one is carried, its
 * entry must go (the tests fail on a stale one), so the list cannot hide a service for long.
 */
export const PENDING: Record<"image" | "compose", Record<string, string>> = {
  image: {},
  compose: {},
};

/** The services every image (or every compose file) must carry: the workspace's, less the pending. */
export function workspaceServices(carrier: "image" | "compose"): string[] {
  const services = allWorkspaceServices();
  const pending = PENDING[carrier];
  for (const service of services.filter((name) => name in pending)) {
    console.warn(`[infra] SKIPPED ${service} (${carrier}): ${pending[service]}`);
  }
  return services.filter((name) => !(name in pending));
}

/** The setting that holds a service's port: LEDGER_INGEST_PORT, … */
export const portSetting = (service: string): string => `LEDGER_${service.toUpperCase()}_PORT`;
