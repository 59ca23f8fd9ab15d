import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { activitySums, codeErrors, schemaErrors } from "@relief-ledger/iati/testing";
import { donorAttribution, openReadModel } from "@relief-ledger/projections";
import { appendAndProject, byFund, cbo, distribution, donor, fund } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledger } from "../testing/capture.testkit.js";

const dir = mkdtempSync(join(tmpdir(), "ledger-cli-export-"));
const env = { LEDGER_DATA_DIR: dir, LEDGER_IATI_ORG_REF: "XI-IATI-CLI" };

beforeAll(async () => {
  const files = { store: join(dir, "events.db"), readModel: join(dir, "read-models.db") };
  await appendAndProject(files, [
    cbo("sangama-blr", "IN-KA"),
    cbo("vamp-sangli", "IN-MH"),
    donor("azim-trust"),
    donor("other-trust"),
    fund({ fund: 1, cboId: "sangama-blr", amountPaise: 1_000_000, receivedOn: "2021-04-20" }),
    fund({ fund: 2, donorId: "other-trust", cboId: "vamp-sangli", amountPaise: 99_999, receivedOn: "2021-04-22" }),
    distribution({
      id: 1,
      cboId: "sangama-blr",
      on: "2021-05-01",
      people: [1],
      valuePaise: 150_050,
      funding: byFund(1),
      submission: 100,
    }),
    distribution({ id: 2, cboId: "vamp-sangli", on: "2021-05-02", people: [2], valuePaise: 120_000, submission: 101 }),
  ]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("ledger export iati", () => {
  it("writes one donor's funds as a schema-valid file whose sums equal the read model's attribution", async () => {
    const { code, stdout } = await ledger(["export", "iati", "--donor", "azim-trust"], env);
    expect(code).toBe(0);
    expect(await schemaErrors(stdout)).toEqual([]);
    expect(codeErrors(stdout)).toEqual([]);
    const db = openReadModel(join(dir, "read-models.db"));
    const attribution = donorAttribution(db, "azim-trust")!;
    db.close();
    expect(activitySums(stdout)).toEqual(
      attribution.funds.map((f) => ({
        identifier: `XI-IATI-CLI-${f.fundId}`,
        incomingPaise: f.receivedPaise,
        expenditurePaise: f.attributedPaise,
      })),
    );
    expect(stdout).toContain(">1500.50<");
  });

  it("writes every donor's funds with --all, to a new file it never overwrites", async () => {
    const out = join(dir, "all.xml");
    expect((await ledger(["export", "iati", "--all", "--out", out], env)).code).toBe(0);
    const xml = readFileSync(out, "utf8");
    expect(await schemaErrors(xml)).toEqual([]);
    expect(activitySums(xml).map((a) => a.incomingPaise)).toEqual([1_000_000, 99_999]);
    const again = await ledger(["export", "iati", "--all", "--out", out], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("it exists");
  });

  it("refuses a missing or doubled choice of donors, an unknown donor and a missing read model", async () => {
    expect((await ledger(["export", "iati"], env)).code).toBe(2);
    expect((await ledger(["export", "iati", "--all", "--donor", "azim-trust"], env)).code).toBe(2);
    const bad = await ledger(["export", "iati", "--donor", "Bad Id"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain("Bad Id");
    expect((await ledger(["export", "iati", "--donor", "nobody-here"], env)).code).toBe(1);
    const missing = join(dir, "missing.db");
    expect((await ledger(["export", "iati", "--all", "--read-model", missing], env)).code).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });
});
