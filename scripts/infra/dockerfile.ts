import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { REPO_ROOT } from "../ci/repository-files.js";

export const DOCKERFILE = join(REPO_ROOT, "infra/docker/Dockerfile");

/** What a container of one build target would run with, following its FROM chain. */
export interface DockerTarget {
  name: string;
  /** Images and stages from the base up, ARG defaults resolved. */
  images: string[];
  env: Record<string, string>;
  user?: string;
  workdir?: string;
  volumes: string[];
  exposed: string[];
  entrypoint: string[];
  cmd: string[];
  /** The HEALTHCHECK's command, exec form; undefined for NONE or none. */
  healthcheck?: string[];
  /** Sources of `COPY --from=<stage>`, as `<stage>:<path>`. */
  copiedFrom: string[];
}

const flagValue = (instruction: Instruction, name: string): string | undefined =>
  (instruction as unknown as { getFlags?(): { getName(): string; getValue(): string | null }[] })
    .getFlags?.()
    .find((flag) => flag.getName() === name)
    ?.getValue() ?? undefined;

const execForm = (text: string, where: string): string[] => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === "string")) {
    throw new Error(`${where} is not in exec form (a JSON array of strings)`);
  }
  return parsed;
};

/** Parses the Dockerfile with dockerfile-ast into one model per named stage. */
export function readDockerfile(text = readFileSync(DOCKERFILE, "utf8")): {
  stages: Map<string, DockerTarget>;
  buildRuns: string[];
} {
  const dockerfile = DockerfileParser.parse(text);
  const args = new Map(
    dockerfile
      .getInitialARGs()
      .map((arg) => [arg.getProperty()?.getName() ?? "", arg.getProperty()?.getValue() ?? ""] as const),
  );
  const resolve = (value: string) =>
    value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced?: string, bare?: string) => args.get(braced ?? bare ?? "") ?? "");
  const stages = new Map<string, DockerTarget>();
  const buildRuns: string[] = [];
  let current: DockerTarget | undefined;
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword();
    const content = instruction.getArgumentsContent() ?? "";
    if (keyword === "FROM") {
      const [image = "", , alias] = content.split(/\s+/);
      const base = stages.get(image);
      current = base
        ? structuredClone({ ...base, name: alias ?? image, images: [...base.images, image] })
        : {
            name: alias ?? image,
            images: [resolve(image)],
            env: {},
            volumes: [],
            exposed: [],
            entrypoint: [],
            cmd: [],
            copiedFrom: [],
          };
      stages.set(current.name, current);
      continue;
    }
    if (!current) continue;
    switch (keyword) {
      case "ENV":
        for (const property of (
          instruction as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }
        ).getProperties())
          current.env[property.getName()] = property.getValue() ?? "";
        break;
      case "USER":
        current.user = content.trim();
        break;
      case "WORKDIR":
        current.workdir = content.trim();
        break;
      case "VOLUME":
        current.volumes.push(...(content.trim().startsWith("[") ? execForm(content, "VOLUME") : content.split(/\s+/)));
        break;
      case "EXPOSE":
        current.exposed.push(...content.split(/\s+/));
        break;
      case "ENTRYPOINT":
        current.entrypoint = execForm(content, `ENTRYPOINT of ${current.name}`);
        break;
      case "CMD":
        current.cmd = execForm(content, `CMD of ${current.name}`);
        break;
      case "HEALTHCHECK": {
        const match = /^CMD\s+(\[[\s\S]*\])\s*$/.exec(content.trim());
        current.healthcheck = match ? execForm(match[1]!, `HEALTHCHECK of ${current.name}`) : undefined;
        break;
      }
      case "COPY": {
        const from = flagValue(instruction, "from");
        if (from) current.copiedFrom.push(`${from}:${content.trim().split(/\s+/)[0]}`);
        break;
      }
      case "RUN":
        if (current.name === "build") buildRuns.push(content);
        break;
    }
  }
  return { stages, buildRuns };
}

/** What the container runs: ENTRYPOINT followed by CMD. */
export const commandOf = (target: DockerTarget): string[] => [...target.entrypoint, ...target.cmd];
