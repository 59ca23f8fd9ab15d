import { PROBLEMS } from "@relief-ledger/domain";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledger } from "../testing/capture.testkit.js";
import { badAadhaar, sheet, writeSheet } from "../testing/csv.testkit.js";
import { CBO, OTHER_CBO, startIngest, type Ingest } from "../testing/ingest.testkit.js";
import { stateFileOf, type SubmitState } from "./state.js";

let ingest: Ingest;
let dir: string;
beforeAll(async () => {
  ingest = await startIngest();
  dir = mkdtempSync(join(tmpdir(), "ledger-submit-"));
});
afterAll(async () => {
  await ingest?.close();
  rmSync(dir, { recursive: true, force: true });
});

const submit = (file: string, ...flags: string[]) =>
  ledger(["submit", file, "--cbo", CBO, ...flags], {
    LEDGER_INGEST_URL: ingest.url,
    LEDGER_API_KEY: ingest.keys.cbo.token,
  });
/** A key file as a CBO keeps one: the token alone, readable by its owner only. */
const keyFile = (name: string, token: string): string => {
  const path = join(dir, name);
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  return path;
};
/** `ledger submit` with a key file, against a URL (the ingest service by default). */
const submitWithKeyFile = (
  file: string,
  { cbo = CBO, url = ingest.url, key = keyFile("cbo.key", ingest.keys.cbo.token) } = {},
  ...flags: string[]
) => ledger(["submit", file, "--cbo", cbo, "--url", url, "--key-file", key, ...flags]);
const stateOf = (file: string) => JSON.parse(readFileSync(stateFileOf(file), "utf8")) as SubmitState;

describe("ledger submit against the real ingest service", () => {
  const file = () => join(dir, "may.csv");

  it("sends a 2,500-row file without distributionIds in 3 chunks and records each row once", async () => {
    writeSheet(file(), sheet(2500, 1_000_000));
    const before = await ingest.head();
    const result = await submit(file());
    expect(result.stderr).toContain("chunk 3/3 (rows 2,002–2,501)");
    expect(result.code).toBe(0);
    expect(await ingest.recordedSince(before)).toBe(2500);
    expect(result.stdout).toContain("All 2,500 rows");
    expect(result.stdout).toContain("3 recorded now, 0 replayed");
    const state = stateOf(file());
    expect(state.chunks.map((c) => [c.firstRow, c.lastRow, c.status, c.count])).toEqual([
      [2, 1001, "done", 1000],
      [1002, 2001, "done", 1000],
      [2002, 2501, "done", 500],
    ]);
    expect(Object.keys(state.distributionIds ?? {})).toHaveLength(2500);
  });

  it("records nothing new when run again, and skips every chunk", async () => {
    const head = await ingest.head();
    const result = await submit(file());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("0 recorded now, 0 replayed");
    expect(result.stdout).toContain("3 skipped");
    expect(await ingest.head()).toBe(head);
  });

  it("gets every chunk back as replayed when the done marks are lost, storing nothing", async () => {
    const state = stateOf(file());
    for (const chunk of state.chunks) delete chunk.status;
    writeFileSync(stateFileOf(file()), JSON.stringify(state));
    const head = await ingest.head();
    const result = await submit(file());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("0 recorded now, 3 replayed");
    expect(stateOf(file()).chunks.every((c) => c.status === "done" && c.replayed)).toBe(true);
    expect(await ingest.head()).toBe(head);
  });

  it("confirms recorded chunks with --verify and then sends rows added at the end", async () => {
    const more = sheet(2600, 1_000_000);
    writeFileSync(file(), more.text);
    const refused = await submit(file());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("had 2,500 rows when chunks were sent and now has 2,600");
    const before = await ingest.head();
    const result = await submit(file(), "--verify");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("1 recorded now, 3 replayed");
    expect(await ingest.recordedSince(before)).toBe(100);
  });

  it("catches an edit to a recorded row under --verify, keeps the chunk protected, and records nothing", async () => {
    const original = readFileSync(file(), "utf8");
    const lines = original.split("\n");
    lines[9] = lines[9]!.replace("grocery_kit,1,", "grocery_kit,2,");
    writeFileSync(file(), lines.join("\n"));
    const head = await ingest.head();
    const result = await submit(file(), "--verify");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("chunk 1/4 (rows 2–1,001)");
    expect(result.stderr).toContain("409 conflict");
    expect(result.stderr).toContain("rows in it changed after they were sent");
    expect(stateOf(file()).chunks[0]?.status).toBe("done");
    expect(await ingest.head()).toBe(head);
    writeFileSync(file(), original);
  });

  it("refuses a different --chunk once chunks are recorded", async () => {
    const result = await submit(file(), "--chunk", "500");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("started with --chunk 1000");
  });

  it("lists every bad row of the whole file before sending any, then sends all of it after the fix", async () => {
    const bad = badAadhaar(7);
    const broken = writeSheet(join(dir, "june.csv"), sheet(2500, 2_000_000, { 1203: bad, 2400: "12345" }));
    const before = await ingest.head();
    const failed = await submit(broken);
    expect(failed.code).toBe(1);
    // Both problems in one run, though they lie in different chunks; nothing was sent.
    expect(failed.stderr).toContain("has 2 problems; nothing was sent");
    expect(failed.stderr).toContain(`row 1,203, column aadhaar: ${PROBLEMS["aadhaar.checkDigit"]}`);
    expect(failed.stderr).toContain(`row 2,400, column aadhaar: ${PROBLEMS["aadhaar.length"]}`);
    expect(failed.stderr + failed.stdout).not.toContain(bad);
    expect(await ingest.recordedSince(before)).toBe(0);

    writeSheet(broken, sheet(2500, 2_000_000));
    const fixed = await submit(broken);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("3 recorded now, 0 replayed (already recorded, confirmed unchanged), 0 skipped");
    expect(await ingest.recordedSince(before)).toBe(2500);
  });

  it("uses a file's own distributionId column, and names the row that repeats an id recorded earlier", async () => {
    const ids = [1, 2, 3].map((n) => `0190f5a2-0000-7000-8000-${String(n).padStart(12, "0")}`);
    const rows = sheet(3, 9_000_000).text.trim().split("\n");
    const withIds = (list: string[]) =>
      [`distributionId,${rows[0]}`, ...rows.slice(1).map((row, i) => `${list[i]},${row}`)].join("\n");
    const first = join(dir, "own-ids.csv");
    writeFileSync(first, withIds(ids));
    expect((await submit(first)).code).toBe(0);
    expect(stateOf(first).distributionIds).toBeUndefined();

    const second = join(dir, "own-ids-again.csv");
    writeFileSync(second, withIds([ids[0]!.replace("0001", "0004"), ids[0]!.replace("0001", "0005"), ids[1]!]));
    const result = await submit(second);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("409 conflict");
    expect(result.stderr).toContain("row 4, column distributionId: was recorded by an earlier submission");
  });

  it("accepts the example file of the README as it stands", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const example = /```csv\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const rows = example.trim().split("\n").length - 1;
    expect(rows).toBe(3);
    const before = await ingest.head();
    const result = await submit(writeSheet(join(dir, "readme.csv"), { text: example, identities: [] }));
    expect(result.code).toBe(0);
    expect(await ingest.recordedSince(before)).toBe(rows);
  });

  it("tells a CBO whose key belongs to another CBO that it may not submit here (403)", async () => {
    const small = writeSheet(join(dir, "other.csv"), sheet(3, 3_000_000));
    const result = await submitWithKeyFile(small, { cbo: OTHER_CBO });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("403 forbidden");
    expect(result.stderr).toContain("a CBO key may act only for its own CBO");
    expect(result.stderr).toContain("This key may not submit for this CBO");
  });

  it("reports an unreachable service with exit code 3 and keeps the chunk to resend", async () => {
    const small = writeSheet(join(dir, "offline.csv"), sheet(3, 4_000_000));
    const result = await submitWithKeyFile(small, { url: "http://127.0.0.1:9" }, "--retries", "0");
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("could not be delivered");
    expect(stateOf(small).chunks[0]?.status).toBe("sending");
  });

  it("tells a caller whose key is unknown to check it (401)", async () => {
    const small = writeSheet(join(dir, "unknown-key.csv"), sheet(3, 5_000_000));
    const result = await submitWithKeyFile(small, { key: keyFile("unknown.key", "rlk_000000000000_not-a-key") });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("401 unauthorized");
    expect(result.stderr).toContain("The API key was not accepted");
  });

  it("submits with a key made by `ledger keys create`, whose file holds no token", async () => {
    const created = await ledger([
      ...["keys", "create", "--role", "cbo", "--cbo", CBO],
      ...["--file", ingest.keysFile, "--store", ingest.storeLocation],
    ]);
    expect(created.code).toBe(0);
    const token = created.stdout.match(/^rlk_\S+$/m)?.[0] ?? "";
    expect(token).not.toBe("");
    expect(readFileSync(ingest.keysFile, "utf8")).not.toContain(token);
    const small = writeSheet(join(dir, "new-key.csv"), sheet(5, 6_000_000));
    const before = await ingest.head();
    const result = await ledger(["submit", small, "--cbo", CBO, "--url", ingest.url], { LEDGER_API_KEY: token });
    expect(result.code).toBe(0);
    expect(await ingest.recordedSince(before)).toBe(5);
  });

  it.each([
    ["--key", "<token>"],
    ["--key=<token>", undefined],
  ])("refuses a key on the command line (%s) with exit 2, sends nothing and never repeats it", async (flag, value) => {
    const small = writeSheet(join(dir, "argv-key.csv"), sheet(3, 8_000_000));
    const token = ingest.keys.cbo.token;
    const argv = [flag.replace("<token>", token), ...(value ? [value.replace("<token>", token)] : [])];
    const before = await ingest.head();
    const result = await ledger(["submit", small, "--cbo", CBO, "--url", ingest.url, ...argv]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--key is not accepted: .* LEDGER_API_KEY .* --key-file/);
    expect(result.stdout + result.stderr).not.toContain(token.slice(4));
    expect(await ingest.head()).toBe(before);
  });

  it("takes the key from --key-file, and warns when others can read that file", async () => {
    const small = writeSheet(join(dir, "key-file.csv"), sheet(3, 9_000_000));
    const path = keyFile("shared.key", ingest.keys.cbo.token);
    chmodSync(path, 0o644);
    const before = await ingest.head();
    const result = await submitWithKeyFile(small, { key: path });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("can be read by other users; chmod 600 it");
    expect(result.stdout + result.stderr).not.toContain(ingest.keys.cbo.token.slice(4));
    expect(await ingest.recordedSince(before)).toBe(3);
  });

  it("draws a progress bar when stderr is a terminal", async () => {
    const small = writeSheet(join(dir, "tty.csv"), sheet(4, 7_000_000));
    const result = await ledger(
      ["submit", small, "--cbo", CBO],
      { LEDGER_INGEST_URL: ingest.url, LEDGER_API_KEY: ingest.keys.cbo.token },
      true,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/rows 4\/4 \[[█░]+\] 100%/);
    expect(result.stderr).not.toMatch(/\(4\/4 rows\)/);
  });

  it("refuses to run while another run holds the file's lock", async () => {
    const small = writeSheet(join(dir, "locked.csv"), sheet(2, 8_000_000));
    writeFileSync(`${stateFileOf(small)}.lock`, `${process.ppid}\n`);
    const result = await submit(small);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`another ledger submit (process ${process.ppid}) is sending this file`);
    writeFileSync(`${stateFileOf(small)}.lock`, "999999999\n");
    expect((await submit(small)).code).toBe(0);
  });
});
