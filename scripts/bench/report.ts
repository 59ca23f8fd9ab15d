import { cpus, totalmem } from "node:os";

/** One measured figure beside the reference measured in the same run, so noise cancels out. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  reference: string;
  referenceValue: number;
  /** Higher is better for rates; for a cost (memory, latency) say so and the ratio inverts. */
  lowerIsBetter?: boolean;
  goal?: string;
}

export interface BenchSection {
  title: string;
  figures: Figure[];
  notes?: string[];
}

export const ratio = (figure: Figure): number =>
  figure.lowerIsBetter ? figure.referenceValue / figure.value : figure.value / figure.referenceValue;

/** As a percentage; below 10% with one decimal, so a ratio of 0.4% does not read as nothing. */
export const percent = (figure: Figure): string => {
  const p = ratio(figure) * 100;
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
};

const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2));

export function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`;
}

export function toMarkdown(sections: BenchSection[], when: Date, minutes?: number): string {
  const lines = [
    "# Benchmarks",
    "",
    "Written by `pnpm bench`; do not edit by hand (but for the goals block, which runs keep). Every figure stands beside a reference measured",
    "in the same run on the same machine, and the ratio is what to compare across machines.",
    "",
    `- Date: ${when.toISOString()}`,
    `- Machine: ${machine()}`,
    ...(minutes === undefined ? [] : [`- Run time: ${minutes.toFixed(1)} min for the sections below`]),
    "",
  ];
  for (const section of sections) {
    lines.push(
      `## ${section.title}`,
      "",
      "| figure | value | reference | reference value | ratio | goal |",
      "|---|---:|---|---:|---:|---|",
    );
    for (const f of section.figures) {
      lines.push(
        `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.reference} | ${fmt(f.referenceValue)} ${f.unit} | ${percent(f)} | ${f.goal ?? ""} |`,
      );
    }
    lines.push("", ...(section.notes ?? []).map((note) => `- ${note}`), "");
  }
  return lines.join("\n");
}

/**
 * A run of some sections (`--only`) written into the whole report: each section it ran replaces
 * the one of the same title (or is added at the end), the others stay as their full run wrote
 * them, and a note under each fresh section says it was measured on its own, and when.
 */
export function mergeSections(existing: string, fresh: string, when: Date): string {
  const split = (markdown: string) => {
    const [head, ...sections] = markdown.split(/^(?=## )/m);
    return { head: head!, sections: sections.map((text) => ({ title: text.split("\n", 1)[0]!, text })) };
  };
  const before = split(existing);
  const ran = split(fresh).sections.map(({ title, text }) => ({
    title,
    text: `${text.trimEnd()}\n- Measured on its own (\`pnpm bench --only\`) on ${when.toISOString()}, the same machine.\n\n`,
  }));
  const merged = before.sections.map((section) => ran.find((r) => r.title === section.title) ?? section);
  for (const section of ran) if (!before.sections.some((s) => s.title === section.title)) merged.push(section);
  // The last section of a file ends with one newline; a section moved off the end needs its blank line.
  return [before.head, ...merged.map((s) => `${s.text.trimEnd()}\n\n`)].join("").trimEnd() + "\n";
}
