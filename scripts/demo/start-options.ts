import { parseArgs } from "node:util";

/** `small`: the hand-made demo (one CBO, a month of kits); `full`: the founding coalition, demo-data scale 1. */
export type DemoSize = "small" | "full";

export interface StartOptions {
  size: DemoSize;
  help: boolean;
}

export const START_USAGE = `usage: pnpm start [-- --full]
  (no flag)  start the ledger in .data/ with a small demo coalition (one CBO, 40 distributions)
  --full     start it in .data-full/ with the founding coalition's full size: 107 CBOs,
             1.2 lakh members, about 9.5 lakh distributions (loading takes about 5 minutes)
  --help     print this
LEDGER_DATA_DIR overrides the directory; it must not hold the other size's demo.`;

export class UsageError extends Error {}

/**
 * Reads start's arguments. `pnpm start -- --full` hands the script a literal `--` before the flag
 * (pnpm 10 passes it through; npm drops it), and parseArgs would read everything after a `--` as
 * positionals, so the separator is dropped first: both spellings then mean the same.
 */
export function parseStartArgs(argv: readonly string[]): StartOptions {
  const args = argv.filter((arg) => arg !== "--");
  try {
    const { values } = parseArgs({
      args,
      options: { full: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } },
      strict: true,
      allowPositionals: false,
    });
    return { size: values.full ? "full" : "small", help: values.help };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
