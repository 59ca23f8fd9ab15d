// Runs every benchmark and writes docs/benchmarks.md. Usage: pnpm bench [--no-write]
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eventStoreBench } from "./event-store.bench.js";
import { ingestBench } from "./ingest.bench.js";
import { ratio, toMarkdown, type BenchSection } from "./report.js";

const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const benches: Array<[string, () => Promise<BenchSection>]> = [
  ["event store", eventStoreBench],
  ["ingest", ingestBench],
].filter(([name]) => !only || name === only) as Array<[string, () => Promise<BenchSection>]>;

const sections: BenchSection[] = [];
for (const [name, bench] of benches) {
  console.log(`running ${name}…`);
  const section = await bench();
  for (const f of section.figures) {
    console.log(
      `  ${f.name}: ${Math.round(f.value)} ${f.unit} vs ${Math.round(f.referenceValue)} → ${(ratio(f) * 100).toFixed(0)}%`,
    );
  }
  sections.push(section);
}
if (!process.argv.includes("--no-write")) {
  const out = fileURLToPath(new URL("../../docs/benchmarks.md", import.meta.url));
  writeFileSync(out, toMarkdown(sections, new Date()));
  console.log(`wrote ${out}`);
}
