import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_CSV_COLUMNS, writeCsvFiles } from "./csv.js";
import { generateCoalition } from "./generate.js";
import { submissionsOf } from "./submissions.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-demo-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeCsvFiles", () => {
  it("writes each CBO's rows under the API's CSV columns, with registrations and voids beside them", () => {
    const coalition = generateCoalition({ seed: 3, scale: 0.002 });
    const { files, rows } = writeCsvFiles(coalition, dir);
    expect(files).toHaveLength(coalition.cbos.length);
    expect(rows).toBe(coalition.expected.distributions);

    const byId = new Map(
      [...submissionsOf(coalition)].flatMap((b) =>
        b.submission.distributions.map((d) => [d.distributionId, d] as const),
      ),
    );
    let read = 0;
    for (const file of files) {
      expect(statSync(file).mode & 0o077).toBe(0);
      const [header, ...lines] = readFileSync(file, "utf8").trimEnd().split("\n");
      expect(header!.split(",")).toEqual(DEMO_CSV_COLUMNS);
      for (const line of lines) {
        // No generated value needs quoting, so a plain split reads the row.
        const cells = Object.fromEntries(line.split(",").map((cell, i) => [DEMO_CSV_COLUMNS[i]!, cell]));
        const d = byId.get(cells.distributionId!)!;
        expect(cells.valuePaise).toBe(String(d.valuePaise));
        expect(cells.funding).toBe(
          d.funding.kind === "auto"
            ? "auto"
            : d.funding.kind === "fund"
              ? `fund:${d.funding.fundId}`
              : `scheme:${d.funding.scheme}`,
        );
        for (const ref of d.beneficiaryRefs) expect(cells[ref.type]).toBe(ref.value);
        read++;
      }
    }
    expect(read).toBe(rows);
    const voids = readFileSync(join(dir, "voids.csv"), "utf8").trimEnd().split("\n");
    expect(voids).toHaveLength(coalition.expected.voids + 1);
    const registrations = JSON.parse(readFileSync(join(dir, "registrations.json"), "utf8"));
    expect(registrations.funds).toEqual(coalition.funds);
  });
});
