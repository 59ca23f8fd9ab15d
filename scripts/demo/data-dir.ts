import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative } from "node:path";
import type { DemoSize } from "./start-options.js";

// Each size has its own directory by default, so trying the full coalition keeps the small demo
// (and its keys) and switching back and forth costs nothing; an explicit LEDGER_DATA_DIR is used as given.
export const DEFAULT_DATA_DIRS: Record<DemoSize, string> = { small: ".data", full: ".data-full" };

export const dataDirFor = (size: DemoSize, env: NodeJS.ProcessEnv): string =>
  env.LEDGER_DATA_DIR || DEFAULT_DATA_DIRS[size];

/** Written before loading starts and marked loaded when it ends, so an interrupted load resumes. */
export interface DemoMarker {
  size: DemoSize;
  loaded: boolean;
}

const MARKER_FILE = "demo.json";

export function readDemoMarker(dataDir: string): DemoMarker | undefined {
  const file = join(dataDir, MARKER_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoMarker) : undefined;
}

export const writeDemoMarker = (dataDir: string, marker: DemoMarker): void =>
  writeFileSync(join(dataDir, MARKER_FILE), `${JSON.stringify(marker)}\n`);

/** Relative to the working directory when inside it, so the rm command reads as the user would type it. */
function shortPath(dir: string): string {
  const rel = relative(process.cwd(), dir);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? dir : rel;
}

export type DemoPlan =
  { action: "load"; resume: boolean } | { action: "start" } | { action: "refuse"; message: string };

export interface DataDirState {
  size: DemoSize;
  dataDir: string;
  marker: DemoMarker | undefined;
  /** Keys or events already there: a data dir from before markers existed holds the small demo. */
  hasLedger: boolean;
}

/** What start does with a data dir: load the demo, resume an interrupted load, just start, or refuse. */
export function planDemo({ size, dataDir, marker, hasLedger }: DataDirState): DemoPlan {
  const holds = marker?.size ?? (hasLedger ? "small" : undefined);
  if (holds === undefined) return { action: "load", resume: false };
  if (holds !== size) {
    const shown = shortPath(dataDir);
    return {
      action: "refuse",
      message:
        `${shown} already holds the ${holds} demo; the ${size} one is not loaded over it.\n` +
        `Start fresh by deleting it (rm -rf ${shown}), or leave LEDGER_DATA_DIR unset so each size ` +
        `uses its own directory (${DEFAULT_DATA_DIRS.small} for the small demo, ${DEFAULT_DATA_DIRS.full} for --full).`,
    };
  }
  return marker?.loaded === false ? { action: "load", resume: true } : { action: "start" };
}
