import { describe, expect, it } from "vitest";
import { mergeSections, toMarkdown, type BenchSection } from "./report.js";

const section = (title: string, value: number): BenchSection => ({
  title,
  figures: [{ name: "x", value, unit: "ms", reference: "r", referenceValue: 1 }],
  notes: [`${title} note`],
});

describe("a run of some sections (--only) written into the report", () => {
  const full = toMarkdown([section("A", 1), section("B", 2), section("C", 3)], new Date("2026-11-23T00:00:00Z"), 30);
  const when = new Date("2026-11-26T05:00:00Z");

  it("replaces the section it ran, in its place, and keeps the others and the header as they were", () => {
    const merged = mergeSections(full, toMarkdown([section("B", 20)], when, 1), when);
    expect(merged.match(/^## .*/gm)).toEqual(["## A", "## B", "## C"]);
    expect(merged).toContain("| x | 20.00 ms |");
    expect(merged).not.toContain("| x | 2.00 ms |");
    expect(merged).toContain("| x | 3.00 ms |");
    expect(merged).toContain("- Date: 2026-11-23T00:00:00.000Z");
    expect(merged).toContain("- Measured on its own (`pnpm bench --only`) on 2026-11-26T05:00:00.000Z");
    expect(merged.split("## C")[1]).not.toContain("Measured on its own");
  });

  it("adds a section the report did not have at the end", () => {
    const merged = mergeSections(full, toMarkdown([section("D", 4)], when, 1), when);
    expect(merged.match(/^## .*/gm)).toEqual(["## A", "## B", "## C", "## D"]);
    expect(merged.endsWith("\n") && !merged.endsWith("\n\n")).toBe(true);
  });
});
