import { describe, expect, it } from "vitest";
import { parseStartArgs, UsageError } from "./start-options.js";

describe("parseStartArgs", () => {
  it("starts the small demo without flags", () => {
    expect(parseStartArgs([])).toEqual({ size: "small", help: false });
  });

  it("reads --full whether or not pnpm passed the -- separator through", () => {
    // `pnpm start -- --full` (pnpm 10) hands the script ["--", "--full"]; npm and `pnpm start --full` hand ["--full"].
    expect(parseStartArgs(["--", "--full"])).toEqual({ size: "full", help: false });
    expect(parseStartArgs(["--full"])).toEqual({ size: "full", help: false });
  });

  it("reads --help and -h", () => {
    expect(parseStartArgs(["--", "--help"]).help).toBe(true);
    expect(parseStartArgs(["-h"]).help).toBe(true);
  });

  it("refuses anything else, so a mistyped flag does not quietly load the small demo", () => {
    expect(() => parseStartArgs(["--ful"])).toThrow(UsageError);
    expect(() => parseStartArgs(["full"])).toThrow(UsageError);
    expect(() => parseStartArgs(["--full=yes"])).toThrow(UsageError);
  });
});
