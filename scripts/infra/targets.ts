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
 * Services that are being built in parallel and have no image target or compose service yet, with
 * what is missing. Each is reported as SKIPPED by the infra tests until it gets them; once it has a
 * target, the Dockerfile test fails until it is removed from here.
 */
export const PENDING_IMAGE_TARGETS: Record<string, string> = {
  web: "services/web (issue 13) needs a target in infra/docker/Dockerfile (its build also runs vite) and a service behind Caddy in both compose files",
};

/** The services every image and deployment must carry: all of the workspace's, less the pending. */
export function workspaceServices(): string[] {
  const services = allWorkspaceServices();
  for (const service of services.filter((name) => name in PENDING_IMAGE_TARGETS)) {
    console.warn(`[infra] SKIPPED ${service}: ${PENDING_IMAGE_TARGETS[service]}`);
  }
  return services.filter((name) => !(name in PENDING_IMAGE_TARGETS));
}

/** The setting that holds a service's port: LEDGER_INGEST_PORT, … */
export const portSetting = (service: string): string => `LEDGER_${service.toUpperCase()}_PORT`;
