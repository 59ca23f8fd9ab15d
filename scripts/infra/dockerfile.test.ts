import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../ci/repository-files.js";
import { readConfig } from "@relief-ledger/http";
import { IngestConfigSchema } from "@relief-ledger/ingest";
import { INGEST_NODE_ARGS } from "@relief-ledger/ingest/node-args";
import { ProjectorConfigSchema } from "@relief-ledger/projector";
import { QueryConfigSchema } from "@relief-ledger/query";
import { WebConfigSchema } from "@relief-ledger/web";
import { commandOf, readDockerfile } from "./dockerfile.js";
import { PENDING, workspaceServices } from "./targets.js";

const { stages, buildRuns } = readDockerfile();

/** The port each service listens on when the operator names none: its configuration's default. */
const CONFIGS = {
  ingest: IngestConfigSchema,
  projector: ProjectorConfigSchema,
  query: QueryConfigSchema,
  web: WebConfigSchema,
};
const defaultPort = (service: string) => String(readConfig(CONFIGS[service as keyof typeof CONFIGS], {}).port);
const services = workspaceServices("image");

describe("infra/docker/Dockerfile", () => {
  it("has a target for every service of the workspace, and one for the CLI", () => {
    expect(services).toEqual(expect.arrayContaining(["ingest", "projector", "query"]));
    const missing = services.filter((service) => !stages.has(service));
    expect(missing, "add a target per service to infra/docker/Dockerfile, like the query target").toEqual([]);
    expect(stages.has("cli")).toBe(true);
    const stale = Object.keys(PENDING.image).filter((service) => stages.has(service));
    expect(stale, "remove services that have their target from PENDING.image in scripts/infra/targets.ts").toEqual([]);
  });

  it("builds the workspace once, in one stage, and cuts a production-only tree per target", () => {
    const build = buildRuns.join("\n");
    expect(build).toMatch(/pnpm install --offline --frozen-lockfile/);
    expect(build).toMatch(/tsc -b/);
    expect(build).toMatch(/deploy --prod/);
    for (const target of [...services, "cli"]) {
      expect(stages.get(target)!.copiedFrom).toEqual([`build:/out/${target}`]);
      expect(build).toContain(target);
    }
  });

  describe.each([...services, "cli"])("target %s", (target) => {
    const stage = stages.get(target)!;

    it("runs on a slim Node 20 base", () => {
      expect(stage.images[0]).toMatch(/^node:20(\.\d+)*-[a-z]+-slim$/);
    });

    it("runs as an unprivileged user", () => {
      expect(stage.user).toBeDefined();
      expect(["root", "0", "0:0"]).not.toContain(stage.user);
    });

    it("keeps its data on a volume", () => {
      expect(stage.env.LEDGER_DATA_DIR).toBeDefined();
      expect(stage.volumes).toContain(stage.env.LEDGER_DATA_DIR);
    });

    it("starts in exec form, so the process gets SIGTERM", () => {
      expect(commandOf(stage)[0]).toBe("node");
    });
  });

  it("starts ingest with the Node flags every launch of it uses", () => {
    expect(commandOf(stages.get("ingest")!)).toEqual(["node", ...INGEST_NODE_ARGS, "dist/main.js"]);
  });

  describe.each(services)("service %s", (service) => {
    const stage = stages.get(service)!;

    it("listens on all interfaces and exposes its configuration's default port", () => {
      expect(stage.env.LEDGER_HOST).toBe("0.0.0.0");
      expect(stage.exposed).toEqual([defaultPort(service)]);
    });

    // The probe asks the service's /health on the port its configuration gives;
    // docker-targets.int.test.ts runs it against the running service, on a port other than the default.
    it("has a HEALTHCHECK that runs its own probe, which the build puts beside its main", () => {
      expect(stage.healthcheck).toEqual(["node", "dist/health.js"]);
      expect(existsSync(join(REPO_ROOT, "services", service, "src/health.ts"))).toBe(true);
    });
  });

  it("reads a HEALTHCHECK NONE as no health check, and refuses a shell-form CMD", () => {
    const parsed = readDockerfile('FROM node:20-bookworm-slim AS a\nHEALTHCHECK NONE\nCMD ["node"]\n');
    expect(parsed.stages.get("a")!.healthcheck).toBeUndefined();
    expect(() => readDockerfile("FROM node:20-bookworm-slim AS a\nCMD node main.js\n")).toThrow(/exec form/);
  });
});
