import { PROBLEMS } from "@relief-ledger/domain";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stateFileOf } from "./submit/state.js";
import { ledger, type Captured } from "./testing/capture.testkit.js";
import { aadhaar, badAadhaar } from "./testing/csv.testkit.js";
import { CBO, FUND, OTHER_CBO, startIngest, type Ingest } from "./testing/ingest.testkit.js";

// Identity values as a CBO might type them, and the forms they normalise to.
const GOOD = aadhaar(424_242);
const BAD = badAadhaar(434_343);
const RAW = [
  `${GOOD.slice(0, 4)} ${GOOD.slice(4, 8)} ${GOOD.slice(8)}`,
  GOOD,
  BAD,
  "+91 99887 76655",
  "9988776655",
  "ABC1234567",
  "KA-0099-7766",
  "KA00997766",
  "ASH-SECRET-77",
];
const HEADER = "service,quantity,valuePaise,distributedOn,funding,aadhaar,phone,voter_id,ration_card,member_id";
const row = (aadhaarCell: string, date = "2026-10-01") =>
  `grocery_kit,1,150000,${date},fund:${FUND},"${aadhaarCell}",+91 99887 76655,ABC1234567,KA-0099-7766,ASH-SECRET-77`;

let ingest: Ingest;
let dir: string;
const outputs: Captured[] = [];
const states: string[] = [];

beforeAll(async () => {
  ingest = await startIngest();
  dir = mkdtempSync(join(tmpdir(), "ledger-privacy-"));
  const env = { LEDGER_INGEST_URL: ingest.url, LEDGER_API_KEY: ingest.keys.cbo.token };
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join("\n") + "\n");
    return path;
  };
  const submit = async (path: string, cboId = CBO, extra: Record<string, string> = {}) => {
    outputs.push(await ledger(["submit", path, "--cbo", cboId, "--chunk", "2"], { ...env, ...extra }));
    try {
      states.push(readFileSync(stateFileOf(path), "utf8"));
    } catch {
      // refused before a state was written
    }
  };
  // Refusals before sending (a bad check digit; a date in the future), then the fixed file.
  const mixed = file("mixed.csv", [HEADER, row(RAW[0]!), row(GOOD), row(BAD), row(GOOD)]);
  await submit(mixed);
  writeFileSync(mixed, [HEADER, row(RAW[0]!), row(GOOD), row(GOOD), row(GOOD)].join("\n") + "\n");
  await submit(mixed);
  await submit(mixed);
  await submit(file("future.csv", [HEADER, row(GOOD, "2027-01-01")]));
  // Another CBO's id with this key (403), an unknown key (401).
  await submit(file("other.csv", [HEADER, row(GOOD)]), OTHER_CBO);
  await submit(file("unknown.csv", [HEADER, row(GOOD)]), CBO, {
    LEDGER_API_KEY: "rlk_000000000000_unknown-key-unknown-key-unknown-key-1234567",
  });
  // Local refusals: a file without header row, a name column, a row that is not CSV.
  await submit(file("headerless.csv", [row(GOOD), row(GOOD)]));
  await submit(file("named.csv", [`name,${HEADER}`, `Lakshmi Devi,${row(GOOD)}`]));
  await submit(file("broken.csv", [HEADER, row(GOOD), row(GOOD).replace(`"${GOOD}"`, `${GOOD}"x"`)]));
});
afterAll(async () => {
  await ingest?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("what ledger submit shows and keeps", () => {
  it("ran the failing and the succeeding runs it is meant to check", () => {
    expect(outputs.map((output) => output.code)).toEqual([1, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(outputs[0]!.stderr).toMatch(/row 4, column aadhaar/);
    expect(outputs[3]!.stderr).toContain(`row 2, column distributedOn: ${PROBLEMS["date.future"]}`);
  });

  it("never prints an identity value, a name or the API key", () => {
    const printed = outputs.map((output) => output.stdout + output.stderr).join("\n");
    for (const value of [...RAW, "Lakshmi Devi", ingest.keys.cbo.token, ingest.keys.cbo.token.slice(17)]) {
      expect(printed).not.toContain(value);
    }
  });

  it("never writes an identity value or the API key into a state file", () => {
    expect(states.length).toBeGreaterThanOrEqual(3);
    for (const state of states) {
      for (const value of [...RAW, "Lakshmi Devi", ingest.keys.cbo.token.slice(17)]) expect(state).not.toContain(value);
    }
  });
});
