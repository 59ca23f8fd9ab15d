import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dataDirFor, planDemo, readDemoMarker, writeDemoMarker, type DataDirState } from "./data-dir.js";

const state = (overrides: Partial<DataDirState>): DataDirState => ({
  size: "small",
  dataDir: "/srv/ledger/.data",
  marker: undefined,
  hasLedger: false,
  ...overrides,
});

describe("dataDirFor", () => {
  it("gives each size its own directory unless LEDGER_DATA_DIR names one", () => {
    expect(dataDirFor("small", {})).toBe(".data");
    expect(dataDirFor("full", {})).toBe(".data-full");
    expect(dataDirFor("full", { LEDGER_DATA_DIR: "/var/ledger" })).toBe("/var/ledger");
    expect(dataDirFor("full", { LEDGER_DATA_DIR: "" })).toBe(".data-full");
  });
});

describe("planDemo", () => {
  it("loads into an empty directory", () => {
    expect(planDemo(state({}))).toEqual({ action: "load", resume: false });
    expect(planDemo(state({ size: "full" }))).toEqual({ action: "load", resume: false });
  });

  it("just starts when the same size is loaded, and resumes a load that was interrupted", () => {
    expect(planDemo(state({ size: "full", marker: { size: "full", loaded: true }, hasLedger: true }))).toEqual({
      action: "start",
    });
    expect(planDemo(state({ size: "full", marker: { size: "full", loaded: false }, hasLedger: true }))).toEqual({
      action: "load",
      resume: true,
    });
  });

  it("refuses to load one size over the other, naming the directory and how to start fresh", () => {
    const plan = planDemo(state({ size: "full", marker: { size: "small", loaded: true }, hasLedger: true }));
    expect(plan.action).toBe("refuse");
    const message = plan.action === "refuse" ? plan.message : "";
    expect(message).toContain("/srv/ledger/.data already holds the small demo");
    expect(message).toContain("rm -rf /srv/ledger/.data");
    expect(message).toContain(".data-full for --full");
    expect(planDemo(state({ marker: { size: "full", loaded: false }, hasLedger: true })).action).toBe("refuse");
    const inside = planDemo(state({ size: "full", dataDir: join(process.cwd(), ".data"), hasLedger: true }));
    expect(inside.action === "refuse" && inside.message).toContain("(rm -rf .data)");
  });

  it("takes a directory from before the marker existed for the small demo", () => {
    expect(planDemo(state({ hasLedger: true }))).toEqual({ action: "start" });
    expect(planDemo(state({ size: "full", hasLedger: true })).action).toBe("refuse");
  });
});

describe("the demo marker", () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it("round-trips through the data directory", () => {
    dir = mkdtempSync(join(tmpdir(), "ledger-demo-marker-"));
    expect(readDemoMarker(dir)).toBeUndefined();
    writeDemoMarker(dir, { size: "full", loaded: false });
    expect(readDemoMarker(dir)).toEqual({ size: "full", loaded: false });
  });
});
