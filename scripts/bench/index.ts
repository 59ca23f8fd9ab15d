// Runs every benchmark and writes docs/benchmarks.md.
// Usage: pnpm bench [--no-write] [--only=<name>[,<name>…]], names as listed below. With --only, the
// sections run replace theirs in docs/benchmarks.md and the others stay.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { auditBench } from "./audit.bench.js";
import { catchUpBench } from "./catch-up.bench.js";
import { eventStoreBench } from "./event-store.bench.js";
import { ingestBench } from "./ingest.bench.js";
import { projectionsBench } from "./projections.bench.js";
import { projectorMemoryBench } from "./projector-memory.bench.js";
import { queryBench } from "./query.bench.js";
import { webBench } from "./web.bench.js";
import { mergeSections, percent, toMarkdown, type BenchSection } from "./report.js";

const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const benches: Array<[string, () => Promise<BenchSection>]> = [
  ["event store", eventStoreBench],
  ["ingest", ingestBench],
  ["projections", projectionsBench],
  ["projector-memory", projectorMemoryBench],
  ["catch-up", catchUpBench],
  ["query", queryBench],
  ["audit", auditBench],
  ["web", webBench],
].filter(([name]) => !only || only.includes(name as string)) as Array<[string, () => Promise<BenchSection>]>;
if (benches.length === 0) throw new Error(`--only matched no benchmark`);

const started = Date.now();
const sections: BenchSection[] = [];
for (const [name, bench] of benches) {
  console.log(`running ${name}…`);
  const section = await bench();
  for (const f of section.figures) {
    console.log(`  ${f.name}: ${Math.round(f.value)} ${f.unit} vs ${Math.round(f.referenceValue)} → ${percent(f)}`);
  }
  for (const note of section.notes ?? []) console.log(`  - ${note}`);
  sections.push(section);
}
const minutes = (Date.now() - started) / 60_000;
console.log(`all done in ${minutes.toFixed(1)} min`);
if (!process.argv.includes("--no-write")) {
  const out = fileURLToPath(new URL("../../docs/benchmarks.md", import.meta.url));
  // Formatted as `pnpm format:check` wants it, so a fresh run never fails the repository's checks.
  const prettier = await import("prettier");
  // The goals table (docs/benchmarks.md, between the goals markers) says why each unmet goal is
  // unmet and what would come next: words, not figures, so a run keeps it for a person to update.
  const previous = existsSync(out) ? readFileSync(out, "utf8") : "";
  const goals = previous.match(/<!-- goals -->[\s\S]*<!-- \/goals -->\n/)?.[0] ?? "";
  const fresh = toMarkdown(sections, new Date(), minutes);
  // A run of some sections (--only) replaces just those, the goals block and the others kept; a
  // full run writes the report whole, the goals block carried over.
  const markdown =
    only && previous !== ""
      ? mergeSections(previous, fresh, new Date())
      : fresh.replace(/\n## /, () => `\n${goals}\n## `);
  writeFileSync(out, await prettier.format(markdown, { ...(await prettier.resolveConfig(out)), filepath: out }));
  console.log(`wrote ${out}`);
}
