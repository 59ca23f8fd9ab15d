import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IngestConfigSchema } from "@relief-ledger/ingest";
import { ProjectorConfigSchema } from "@relief-ledger/projector";
import { QueryConfigSchema } from "@relief-ledger/query";
import { WebConfigSchema } from "@relief-ledger/web";
import { REPO_ROOT } from "../ci/repository-files.js";
import {
  COMPOSE_FILES,
  composeValidator,
  environmentOf,
  interpolatedVariables,
  namedVolumesOf,
  readCompose,
  secretsOf,
  type ComposeService,
} from "./compose.js";
import { readDockerfile } from "./dockerfile.js";
import { PENDING, workspaceServices } from "./targets.js";

// The settings each service's config module reads, by image target; the logger reads its level.
const SETTINGS: Record<string, string[]> = {
  ingest: Object.keys(IngestConfigSchema.in.shape),
  projector: Object.keys(ProjectorConfigSchema.in.shape),
  query: Object.keys(QueryConfigSchema.in.shape),
  web: Object.keys(WebConfigSchema.in.shape),
};
const SHARED_SETTINGS = ["LEDGER_LOG_LEVEL"];
// Settings that name a secret: compose must give them as files under /run/secrets.
const SECRET_SETTINGS = ["LEDGER_PSEUDONYM_KEY_FILE", "LEDGER_SIGNING_KEY", "LEDGER_API_KEYS_FILE"];
// Which the ledger cannot do without: ingest pseudonymises, ingest and query check keys.
const REQUIRED: Record<string, string[]> = {
  ingest: ["LEDGER_PSEUDONYM_KEY_FILE", "LEDGER_API_KEYS_FILE"],
  projector: [],
  query: ["LEDGER_API_KEYS_FILE"],
  web: ["LEDGER_INGEST_URL", "LEDGER_QUERY_URL"],
};
// The pages keep nothing on disk and read no store: only services whose config reads these get them.
const reads = (target: string, setting: string) => SETTINGS[target]!.includes(setting);

const validate = composeValidator();
const { stages } = readDockerfile();
/** The port a target's service listens on: its image exposes its configuration's default (dockerfile.test.ts). */
const listenPort = (target: string) => stages.get(target)!.exposed[0];
const deployDoc = readFileSync(join(REPO_ROOT, "docs/deploy.md"), "utf8");

const ledgerServices = (services: Record<string, ComposeService>) =>
  Object.entries(services).filter(([, service]) => service.build?.target && service.build.target in SETTINGS);

describe("the Compose Specification schema check", () => {
  it("catches what Compose would refuse", () => {
    expect(validate({ services: { a: { image: "x", restart: 3 } } })).not.toEqual([]);
    expect(validate({ services: { a: { image: "x", bogus: true } } })).not.toEqual([]);
    expect(validate({ services: { a: { image: "x", restart: "always" } } })).toEqual([]);
  });
});

describe.each(COMPOSE_FILES)("%s", (file) => {
  const compose = readCompose(file);
  const services = ledgerServices(compose.services);

  it("is valid under the Compose Specification's schema", () => {
    expect(validate(compose)).toEqual([]);
  });

  it("runs every ledger service from its image target of infra/docker/Dockerfile", () => {
    expect(services.length).toBeGreaterThanOrEqual(3);
    for (const [, service] of services) {
      expect(service.build!.dockerfile).toBe("infra/docker/Dockerfile");
      expect(service.build!.context).toBe("../..");
      expect(stages.has(service.build!.target)).toBe(true);
    }
    const targets = new Set(services.map(([, service]) => service.build!.target));
    const missing = workspaceServices("compose").filter((service) => !targets.has(service));
    expect(missing, "every service of the workspace runs in every deployment").toEqual([]);
    const everyTarget = new Set(Object.values(compose.services).map((service) => service.build?.target));
    const stale = Object.keys(PENDING.compose).filter((service) => everyTarget.has(service));
    expect(stale, "remove services that compose runs from PENDING.compose in scripts/infra/targets.ts").toEqual([]);
  });

  it("sets only settings that the service's config reads", () => {
    for (const [name, service] of services) {
      const known = [...SETTINGS[service.build!.target]!, ...SHARED_SETTINGS];
      const unknown = Object.keys(environmentOf(service)).filter((setting) => !known.includes(setting));
      expect(unknown, name).toEqual([]);
    }
  });

  it("gives every secret the services need, as a file it mounts, and declares no secret it does not use", () => {
    const used = new Set<string>();
    for (const [name, service] of services) {
      const env = environmentOf(service);
      const mounted = secretsOf(service);
      for (const setting of REQUIRED[service.build!.target]!) expect(env[setting], `${name} ${setting}`).toBeDefined();
      for (const setting of SECRET_SETTINGS.filter((s) => env[s] !== undefined)) {
        const secret = /^\/run\/secrets\/([a-z_]+)$/.exec(env[setting]!)?.[1];
        expect(secret, `${name} ${setting} must name /run/secrets/<secret>`).toBeDefined();
        expect(mounted, `${name} mounts ${secret}`).toContain(secret);
        used.add(secret!);
      }
      for (const secret of mounted) expect(compose.secrets?.[secret]?.file, `${secret} is declared`).toBeDefined();
    }
    expect(Object.keys(compose.secrets ?? {}).sort()).toEqual([...used].sort());
    // Exactly one signer: two projectors appending heads would race for the same stream.
    const signers = services.filter(([, service]) => environmentOf(service).LEDGER_SIGNING_KEY !== undefined);
    expect(signers.length).toBe(1);
  });

  it("restarts every long-running service", () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const oneOff = Object.values(compose.services).some(
        (other) =>
          !Array.isArray(other.depends_on) && other.depends_on?.[name]?.condition === "service_completed_successfully",
      );
      if (!oneOff) expect(service.restart, name).toMatch(/^(always|unless-stopped)$/);
    }
  });

  it("declares every named volume it mounts, and mounts every one it declares", () => {
    const mounted = new Set(Object.values(compose.services).flatMap(namedVolumesOf));
    expect([...mounted].sort()).toEqual(Object.keys(compose.volumes ?? {}).sort());
  });

  it("forwards the pages to an ingest and a query service of the same file, on their ports", () => {
    const web = services.filter(([, service]) => service.build!.target === "web");
    expect(web.length).toBeGreaterThanOrEqual(1);
    for (const [name, service] of web) {
      const env = environmentOf(service);
      for (const [setting, target] of [
        ["LEDGER_INGEST_URL", "ingest"],
        ["LEDGER_QUERY_URL", "query"],
      ] as const) {
        const url = new URL(env[setting]!);
        expect(compose.services[url.hostname]?.build?.target, `${name} ${setting}`).toBe(target);
        expect(url.port, `${name} ${setting}`).toBe(listenPort(target));
      }
      // Public coalition mode is two switches: the pages show the page, query answers without a key.
      const query = environmentOf(compose.services[new URL(env.LEDGER_QUERY_URL!).hostname]!);
      expect(query.LEDGER_PUBLIC_COALITION, `${name} and its query agree on public mode`).toBe(
        env.LEDGER_PUBLIC_COALITION,
      );
      expect(namedVolumesOf(service), `${name} needs no data`).toEqual([]);
      expect(secretsOf(service), `${name} needs no secret`).toEqual([]);
    }
  });

  it("keeps each service's data on a volume at the image's data directory", () => {
    for (const [name, service] of services.filter(([, s]) => reads(s.build!.target, "LEDGER_DATA_DIR"))) {
      const dataDir = stages.get(service.build!.target)!.env.LEDGER_DATA_DIR!;
      const targets = (service.volumes ?? []).map((v) => (typeof v === "string" ? v.split(":")[1] : v.target));
      expect(targets, name).toContain(dataDir);
      const readModel = environmentOf(service).LEDGER_READ_MODEL_FILE;
      if (readModel)
        expect(
          targets.some((target) => readModel.startsWith(`${target}/`)),
          name,
        ).toBe(true);
    }
  });

  it("documents every variable it interpolates in docs/deploy.md", () => {
    for (const variable of interpolatedVariables(file)) expect(deployDoc, variable).toContain(`\`${variable}\``);
  });
});

describe("infra/compose/single-node.yml", () => {
  const compose = readCompose("infra/compose/single-node.yml");

  it("shares one data volume among all services on the embedded store", () => {
    const stores = ledgerServices(compose.services).filter(([, s]) => reads(s.build!.target, "LEDGER_DATA_DIR"));
    expect(stores.length).toBe(3);
    for (const [name, service] of stores) {
      expect(environmentOf(service).LEDGER_STORE, name).toBeUndefined(); // sqlite in the data dir
      expect(namedVolumesOf(service), name).toEqual(["ledger-data"]);
    }
  });

  it("puts Caddy in front, proxying to services and ports that exist", () => {
    const caddyfile = readFileSync(join(REPO_ROOT, "infra/compose/Caddyfile"), "utf8");
    const upstreams = [...caddyfile.matchAll(/reverse_proxy\s+([a-z-]+):(\d+)/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(upstreams.length).toBeGreaterThan(0);
    for (const [service, port] of upstreams) {
      const target = compose.services[service]?.build?.target;
      expect(target, service).toBeDefined();
      expect(listenPort(target!)).toBe(port);
    }
    expect(compose.services.caddy?.ports).toEqual(expect.arrayContaining(["443:443"]));
    for (const [name, service] of ledgerServices(compose.services)) expect(service.ports, name).toBeUndefined();
    // The pages at the domain itself, and the cookie Secure, since the browser speaks TLS to Caddy.
    const sites = new Map([...caddyfile.matchAll(/^(\S+) \{$([\s\S]*?)^\}$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(sites.get("{$LEDGER_DOMAIN}")).toMatch(/^\treverse_proxy web:4004$/m);
    expect(environmentOf(compose.services.web!).LEDGER_WEB_SECURE_COOKIE).toBe("1");
  });
});

describe("infra/compose/eventstoredb-cluster.yml", () => {
  const compose = readCompose("infra/compose/eventstoredb-cluster.yml");
  const nodes = Object.entries(compose.services).filter(([, service]) => service.image?.includes("kurrentdb"));

  it("lets ingest read the flags pair a projects, so a CBO's note can name one", () => {
    const byName = new Map(Object.entries(compose.services));
    const mountOf = (name: string, path: string) =>
      (byName.get(name)!.volumes ?? [])
        .map((v) => (typeof v === "string" ? { source: v.split(":")[0], target: v.split(":")[1] } : v))
        .find((v) => v.target !== undefined && path.startsWith(`${v.target}/`));
    const ingestFile = environmentOf(byName.get("ingest")!).LEDGER_READ_MODEL_FILE!;
    const projectorFile = environmentOf(byName.get("projector-a")!).LEDGER_READ_MODEL_FILE!;
    expect(mountOf("ingest", ingestFile)?.source).toBe(mountOf("projector-a", projectorFile)?.source);
    expect(ingestFile.split("/").at(-1)).toBe(projectorFile.split("/").at(-1));
  });

  it("runs three KurrentDB nodes from one pinned image, with TLS certificates", () => {
    expect(nodes.length).toBe(3);
    const images = new Set(nodes.map(([, service]) => service.image));
    expect(images.size).toBe(1);
    expect([...images][0]).toMatch(/:\d+\.\d+\.\d+$/);
    for (const [name, service] of nodes) {
      const env = environmentOf(service);
      expect(env.KURRENTDB_CLUSTER_SIZE, name).toBe("3");
      expect(env.KURRENTDB_INSECURE, name).toBeUndefined();
      expect(env.KURRENTDB_CERTIFICATE_FILE, name).toMatch(/^\/certs\/.+\.crt$/);
      expect(env.KURRENTDB_TRUSTED_ROOT_CERTIFICATES_PATH, name).toBe("/certs/ca");
    }
  });

  it("connects every ledger service that reads the store to all three nodes over verified TLS", () => {
    const readers = ledgerServices(compose.services).filter(([, s]) => reads(s.build!.target, "LEDGER_STORE"));
    expect(readers.length).toBeGreaterThanOrEqual(5);
    for (const [name, service] of readers) {
      // A cluster connection string lists hosts with commas, which WHATWG URLs refuse.
      const [, hosts, query] = /^esdb:\/\/([^/?]+)\/?\?(.*)$/.exec(environmentOf(service).LEDGER_STORE ?? "") ?? [];
      expect(hosts?.split(","), name).toHaveLength(3);
      const params = new URLSearchParams(query);
      expect(params.get("tls"), name).toBe("true");
      expect(params.get("tlsVerifyCert"), name).not.toBe("false");
      expect(params.get("tlsCAFile"), name).toBe("/certs/ca/ca.crt");
    }
  });

  it("gives each projector + query pair a read-model volume of its own", () => {
    const readModelVolume = (name: string) => namedVolumesOf(compose.services[name]!).filter((v) => v !== "certs");
    const projectors = ledgerServices(compose.services).filter(([, s]) => s.build!.target === "projector");
    expect(projectors.length).toBeGreaterThanOrEqual(2);
    const volumes = projectors.map(([name]) => readModelVolume(name)[0]);
    expect(new Set(volumes).size).toBe(projectors.length);
    for (const [name] of projectors) {
      const query = name.replace("projector", "query");
      expect(readModelVolume(query), query).toEqual(readModelVolume(name));
    }
  });
});
