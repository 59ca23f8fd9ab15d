import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@relief-ledger/cli";
import type { BrowserContext, Download, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bn, en, hi } from "../../services/web/app/src/locales/index.js";
import { axeFindings, inEachLayout, newContext, onFreshPage, screenshot } from "./browser.js";
import { browserSuite } from "./browser-suite.js";
import { pickLanguage, signedInAs, signIn } from "./pages.js";

// The auditor's console, issue 15 part 3 and the defect left in part 2: replays started from the
// page, reports compared on it, where every donor's money went — and only the latest head check
// may keep the head it verified.

const LOCALES = { en, hi, bn } as const;
// The projector signs heads as in production, but within a second, so there is a head to check.
const e2e = browserSuite("auditor replay", { signHeads: true });

interface Head {
  treeSize: number;
  rootHash: string;
}
const latestHead = async (): Promise<Head | undefined> => {
  const response = await fetch(`${e2e.ledger.query.url}/v1/audit/head`);
  return response.ok ? ((await response.json()) as { head: Head }).head : undefined;
};

/** Waits until the projector has signed a head larger than `than` (0: any head). */
async function signedBeyond(than: number): Promise<Head> {
  for (let i = 0; i < 240; i++) {
    const head = await latestHead();
    if (head && head.treeSize > than) return head;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no head larger than ${than} was signed within a minute`);
}

/** One more event in the log: a donor registered through the ingest API. */
async function growLedger(donorId: string): Promise<void> {
  const registered = await fetch(`${e2e.ledger.ingest.url}/v1/donors`, {
    method: "POST",
    headers: { authorization: `Bearer ${e2e.ledger.keys.admin}`, "content-type": "application/json" },
    body: JSON.stringify({ donorId, name: "Replay test trust", kind: "foundation" }),
  });
  expect(registered.status).toBe(201);
}

beforeAll(async () => {
  if (e2e.haveChromium) await signedBeyond(0);
}, 120_000);

describe.runIf(e2e.haveChromium)("the auditor's head check", () => {
  it("keeps only what the latest check verified: a check superseded while it ran stores nothing", async () => {
    await onFreshPage(e2e.browser, signedInAs(e2e.ledger.web.url, e2e.ledger.keys.auditor), async (page) => {
      // The first check's checkpoint is held back until the test lets it go; later ones pass.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let calls = 0;
      await page.route("**/api/query/v1/audit/checkpoint", async (route: Route) => {
        if (++calls === 1) await held;
        await route.continue();
      });
      await page.getByRole("link", { name: en.auditor.nav.check }).click();
      await expect.poll(() => calls).toBe(1);
      // A newer check starts while the first waits, verifies head A and keeps it.
      await page.getByTestId("check-again").click();
      await page.getByTestId("head-verified").waitFor();
      expect(await page.getByTestId("head-comparison").getAttribute("data-kind")).toBe("first");
      const headA = Number(await page.getByTestId("head-tree-size").getAttribute("data-value"));

      // The log grows and a larger head B is signed; then the superseded check gets its checkpoint
      // (B, validly signed and consistent with A) and runs to its end.
      await growLedger("superseded-check-trust");
      const headB = await signedBeyond(headA);
      const proved = page.waitForResponse((r) => r.url().includes("/v1/audit/proofs/consistency"));
      release();
      await proved;
      // Whatever it found, the page still shows the newer check's verdict.
      expect(Number(await page.getByTestId("head-tree-size").getAttribute("data-value"))).toBe(headA);

      // A new check must find B new to this browser: the superseded check did not keep it.
      await page.getByTestId("check-again").click();
      await expect
        .poll(() => page.getByTestId("head-tree-size").getAttribute("data-value"))
        .toBe(String(headB.treeSize));
      expect(await page.getByTestId("head-comparison").getAttribute("data-kind")).toBe("extends");
      await expect.poll(() => page.getByTestId("table-seen-heads").locator("tbody tr").count()).toBe(2);
    });
  }, 120_000);
});

/** The auditor's console page for replays, signed in. */
async function openReplays(context: BrowserContext): Promise<Page> {
  const page = await signedInAs(e2e.ledger.web.url, e2e.ledger.keys.auditor)(context);
  await page.getByRole("link", { name: en.auditor.nav.replay }).click();
  await page.getByTestId("replay-form").waitFor();
  return page;
}

async function downloaded(download: Promise<Download>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await (await download).createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `ledger …` in this process, as an auditor types it. */
async function ledgerCli(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, env: {} };
  return { code: await run(argv, io), stdout };
}

describe.runIf(e2e.haveChromium)("replays and reports on the auditor's console", () => {
  let moment: string;
  let cliDir: string;

  beforeAll(async () => {
    // Everything recorded so far, and nothing after: the page and the CLI replay to the same cut
    // while the projector keeps signing heads (each head is an event of its own).
    moment = new Date().toISOString();
    while (Date.now() <= Date.parse(moment)) await new Promise((resolve) => setTimeout(resolve, 2));
    cliDir = mkdtempSync(join(tmpdir(), "ledger-cli-replay-"));
  });
  afterAll(() => cliDir && rmSync(cliDir, { recursive: true, force: true }));

  it("a replay started from the page equals ledger replay's report and tables byte for byte", async () => {
    await onFreshPage(e2e.browser, openReplays, async (page) => {
      await page.getByTestId("replay-kind-instant").check();
      await page.getByTestId("replay-point").fill(moment);
      await page.getByTestId("replay-start").click();
      const row = page.locator("[data-testid=table-replays] tbody tr").first();
      await expect.poll(() => row.getAttribute("data-state"), { timeout: 60_000 }).toBe("done");

      const store = join(e2e.ledger.dataDir, "events.db");
      const out = join(cliDir, "as-of");
      expect((await ledgerCli(["replay", "--as-of", moment, "--store", store, "--out", out])).code).toBe(0);
      for (const file of [
        "report.json",
        "cbo-totals.csv",
        "coalition-totals.csv",
        "donor-attribution.csv",
        "flags.csv",
      ]) {
        const download = page.waitForEvent("download");
        await row.getByTestId(`download-${file}`).click();
        expect((await downloaded(download)).equals(readFileSync(join(out, file))), file).toBe(true);
      }
    });
  }, 120_000);

  it("shows a running replay's progress and refuses a second start while it runs", async () => {
    const context = await newContext(e2e.browser);
    const page = await openReplays(context);
    // The service answers 409 to a second start; the page says so and shows the running one.
    await page.getByTestId("replay-kind-position").check();
    await page.getByTestId("replay-point").fill("ten");
    await page.getByTestId("replay-start").click();
    expect(await page.getByTestId("replay-problem").innerText()).toBe(en.auditor.replay.invalid.position);
    await page.getByTestId("replay-point").fill("999999999");
    await page.getByTestId("replay-start").click();
    // Either the progress box while it runs, or the finished row: both say what the service did.
    await page.locator("[data-testid=replay-progress], [data-testid=table-replays]").first().waitFor();
    const newest = page.locator("[data-testid=table-replays] tbody tr").first();
    await expect
      .poll(async () => [await newest.locator("th").innerText(), await newest.getAttribute("data-state")], {
        timeout: 60_000,
      })
      .toEqual([en.auditor.replay.toPosition.replace("{{position}}", "999999999"), "done"]);
    const busy = await page.evaluate(async () => {
      const post = () =>
        fetch("/api/query/v1/audit/replays", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ position: "1" }),
        }).then((r) => r.status);
      return [await post(), await post()];
    });
    expect(busy).toEqual([202, 409]);
    await context.close();
  }, 120_000);

  it("compares two reports as ledger reconcile does: table, key and field of each difference", async () => {
    const report = readFileSync(join(cliDir, "as-of", "report.json"), "utf8");
    // A report with one planted change: one CBO's value, and one flag row gone.
    const planted = JSON.parse(report) as {
      tables: Record<string, Record<string, string | number | null>[]>;
    };
    planted.tables["cbo-totals"]![0]!.valuePaise = Number(planted.tables["cbo-totals"]![0]!.valuePaise) + 100;
    planted.tables.flags!.pop();
    const plantedFile = join(cliDir, "planted.json");
    writeFileSync(plantedFile, JSON.stringify(planted));
    const reconciled = await ledgerCli([
      "reconcile",
      join(cliDir, "as-of", "report.json"),
      "--against",
      plantedFile,
      "--json",
    ]);
    expect(reconciled.code).toBe(1);
    const expected = (
      JSON.parse(reconciled.stdout) as {
        differences: { table: string; key: Record<string, string | number | null>; field: string }[];
      }
    ).differences.map((d) => [
      d.table,
      Object.entries(d.key)
        .map(([column, value]) => `${column}=${String(value ?? "")}`)
        .join(" "),
      d.field === "(row)" ? en.auditor.compare.wholeRow : d.field,
    ]);
    expect(expected.length).toBeGreaterThan(1);

    const context = await newContext(e2e.browser);
    const page = await openReplays(context);
    await page.getByTestId("compare-b").selectOption("file");
    await page.getByTestId("compare-file-b").setInputFiles(plantedFile);
    // Side A: the replay the page ran as of the same moment (the newest kept replay is the position one).
    const options = await page.getByTestId("compare-a").locator("option").allInnerTexts();
    const asOf = options.findIndex((o) => o.includes(moment));
    await page.getByTestId("compare-a").selectOption({ index: asOf });
    await page.getByTestId("compare-run").click();
    await page.getByTestId("compare-result").waitFor();
    expect(await page.getByTestId("compare-result").getAttribute("data-count")).toBe(String(expected.length));
    const rows = await page.getByTestId("table-differences").locator("tbody tr").all();
    const shown = await Promise.all(rows.map(async (r) => (await r.locator("th, td").allInnerTexts()).slice(0, 3)));
    expect(shown).toEqual(expected);
    await screenshot(page, "auditor-replay-compare-en-desktop");

    // A file that is not a report is named as such, and nothing is compared.
    await page
      .getByTestId("compare-file-b")
      .setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("{}") });
    await page.getByTestId("compare-run").click();
    await expect.poll(() => page.getByTestId("compare-problem").getAttribute("data-problem")).toBe("notReport");
    await context.close();
  }, 120_000);

  it("keeps CBO and donor keys out of the replays (403) and anyone without a key (401)", async () => {
    for (const key of [e2e.ledger.keys.cbo, e2e.ledger.keys.donor]) {
      const context = await newContext(e2e.browser);
      const page = await context.newPage();
      await signIn(page, e2e.ledger.web.url, key);
      await page.getByTestId("sign-out").waitFor();
      expect(await page.getByRole("link", { name: en.auditor.nav.replay }).count()).toBe(0);
      const statuses = await page.evaluate(async () => [
        (await fetch("/api/query/v1/audit/replays")).status,
        (
          await fetch("/api/query/v1/audit/replays", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: '{"position":"1"}',
          })
        ).status,
        (await fetch("/api/query/v1/donors")).status,
        (await fetch("/api/query/v1/totals/cbos")).status,
      ]);
      expect(statuses).toEqual([403, 403, 403, 403]);
      await page.goto(`${e2e.ledger.web.url}/audit/replay`);
      expect(await page.getByTestId("failure").getAttribute("data-status")).toBe("403");
      await context.close();
    }
    for (const path of ["/api/query/v1/audit/replays", "/api/query/v1/donors", "/api/query/v1/totals/cbos"])
      expect((await fetch(`${e2e.ledger.web.url}${path}`)).status, path).toBe(401);
  }, 60_000);
});

describe.runIf(e2e.haveChromium)("where the money went, for the auditor", () => {
  it("lists every donor and each CBO's unfunded and scheme value as the API has them, and opens any donor's dashboard", async () => {
    const auditorGet = async <T>(path: string): Promise<T> =>
      (await (
        await fetch(`${e2e.ledger.query.url}${path}`, {
          headers: { authorization: `Bearer ${e2e.ledger.keys.auditor}` },
        })
      ).json()) as T;
    const { donors } = await auditorGet<{ donors: { donorId: string; name: string | null }[] }>("/v1/donors");
    const { cbos } = await auditorGet<{ cbos: { cboId: string; unfundedPaise: number; schemePaise: number }[] }>(
      "/v1/totals/cbos",
    );
    expect(donors.map((d) => d.donorId)).toContain(e2e.ledger.otherDonorId);
    await onFreshPage(e2e.browser, signedInAs(e2e.ledger.web.url, e2e.ledger.keys.auditor), async (page) => {
      await page.getByRole("link", { name: en.auditor.nav.money }).click();
      await page.getByTestId("table-money-cbos").waitFor();
      expect(await page.getByTestId("table-money-donors").locator("tbody tr").count()).toBe(donors.length);
      const cboRows = page.getByTestId("table-money-cbos").locator("tbody tr");
      const paise = async (row: number, column: number) =>
        Number(await cboRows.nth(row).locator("td").nth(column).locator("[data-paise]").getAttribute("data-paise"));
      for (const [i, cbo] of cbos.entries()) {
        expect(await cboRows.nth(i).locator("[data-id]").getAttribute("data-id")).toBe(cbo.cboId);
        expect([await paise(i, 3), await paise(i, 4)]).toEqual([cbo.unfundedPaise, cbo.schemePaise]);
      }
      // Any donor's dashboard, chosen from the list; the auditor's view says nothing is hidden.
      const other = donors.find((d) => d.donorId === e2e.ledger.otherDonorId)!;
      await page
        .getByTestId("table-money-donors")
        .getByRole("link", { name: other.name ?? other.donorId })
        .click();
      await page.getByTestId("auditor-donor-bar").waitFor();
      expect(new URL(page.url()).pathname).toBe(`/donors/${e2e.ledger.otherDonorId}`);
      await page.getByTestId("choose-donor").selectOption(e2e.ledger.donorId);
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/donors/${e2e.ledger.donorId}`);
      await page.getByTestId("donor-overall").waitFor();
      // Whole figures: the auditor's page hides no cell the donor's own page hides.
      expect(await page.locator("[data-suppressed=true]").count()).toBe(0);
    });
  }, 60_000);

  it("has no serious or critical accessibility finding on the replay and money pages, in each language, and writes the screenshots", async () => {
    const axe = axeFindings();
    await inEachLayout(e2e.browser, openReplays, async (page, language, size) => {
      await page.goto(`${e2e.ledger.web.url}/audit/replay`);
      await page.getByTestId("table-replays").waitFor();
      await pickLanguage(page, language);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(LOCALES[language].auditor.replay.title);
      await axe.check(page, size, `replay ${language}`);
      await screenshot(page, `auditor-replay-${language}-${size}`);
      await page.goto(`${e2e.ledger.web.url}/audit/money`);
      await page.getByTestId("table-money-cbos").waitFor();
      await axe.check(page, size, `money ${language}`);
      await screenshot(page, `auditor-money-${language}-${size}`);
      await page.goto(`${e2e.ledger.web.url}/donors/${e2e.ledger.otherDonorId}`);
      await page.getByTestId("auditor-donor-bar").waitFor();
      await axe.check(page, size, `donor ${language}`);
    });
    expect(axe.all).toEqual([]);
  }, 240_000);
});
