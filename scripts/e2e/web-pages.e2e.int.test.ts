import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatMonth,
  formatRupees,
  hiddenPersonsLabel,
  rupeesInWords,
  type Language,
} from "../../services/web/app/src/format.js";
import { bn, en, hi } from "../../services/web/app/src/locales/index.js";
import { axeFindings, cspViolations, inEachLayout, newContext, onFreshPage, screenshot } from "./browser.js";
import { menuOf, pickLanguage, signedInAs, signIn as signInAt, tableText, text } from "./pages.js";
import { browserSuite } from "./browser-suite.js";

// The pages in a real browser (Debian's chromium through playwright-core) against the real
// services on a generated coalition: every figure checked against the query API's own answer.

const LOCALES = { en, hi, bn } as const;
// The projector signs heads as in production, but within a second, so the statement can be had.
const e2e = browserSuite("web pages", { signHeads: true });

type Reason = "small" | "protective" | null;
interface Cell {
  service: string;
  month: string;
  valuePaise: number;
  persons: number | null;
  suppressedReason: Reason;
}
interface Totals {
  overall: {
    persons: number | null;
    valuePaise: number;
    distributions: number;
    suppressedReason: Reason;
    cbos: number;
    attributedPaise: number;
    schemePaise: number;
  };
  cells: Cell[];
}
/** The figures a donor's page heads with: all its funds together, or one fund's. */
interface Headline {
  receivedPaise: number;
  attributedPaise: number;
  remainingPaise: number;
  persons: number | null;
  suppressedReason: Reason;
}
interface Fund extends Headline {
  fundId: string;
  cells: {
    cboId: string;
    service: string;
    month: string;
    paise: number;
    persons: number | null;
    suppressedReason: Reason;
  }[];
}

/**
 * A person count as the page must show it: the number, "fewer than 5" only where the API says
 * the row is small, and "hidden to protect a small group" where it hides the row for another's sake.
 */
const personsText = (row: { persons: number | null; suppressedReason: Reason }, language: Language = "en") => {
  if (row.persons !== null) return formatCount(row.persons, language);
  const key = hiddenPersonsLabel(row).split(".")[1] as keyof typeof en.figures;
  return LOCALES[language].figures[key];
};

/** Money as a headline shows it: "Rs 68.2 crore", or the exact rupees below a thousand. */
const rupeesShort = (paise: number) => {
  const { unit, amount } = rupeesInWords(paise, "en");
  return unit === "rupees" ? amount : en.money[unit].replace("{{amount}}", amount);
};

/** A page's headline tiles, in order: each label (as read) beside its figure's test id and text. */
async function tilesOf(page: Page, testId: string): Promise<[label: string, testId: string, text: string][]> {
  const tiles = await page.getByTestId(testId).locator(":scope > div").all();
  return Promise.all(
    tiles.map(async (tile) => [
      await tile.locator("dt").innerText(),
      (await tile.locator("dd").getAttribute("data-testid"))!,
      await tile.locator("dd").innerText(),
    ]),
  );
}

const api = async <T>(path: string, key: string): Promise<T> => {
  const response = await fetch(`${e2e.ledger.query.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};

const signIn = (page: Page, key: string) => signInAt(page, e2e.ledger.web.url, key);

/** A donor's funds as the query API gives them to that donor's own key. */
const fundsOf = async (donorId: string, key: string): Promise<Fund[]> =>
  (await api<{ funds: Fund[] }>(`/v1/donors/${donorId}/attribution`, key)).funds;

interface Statement {
  donor: { name: string } | null;
  head: { treeSize: number; checkpoint: string };
  totals: { receivedPaise: number; attributedPaise: number; remainingPaise: number };
  generatedAt: string;
  funds: {
    fundId: string;
    receivedPaise: number;
    attributedPaise: number;
    remainingPaise: number;
    persons: number | null;
    withheldPaise: number;
    lines: { cboId: string; service: string; paise: number }[];
  }[];
}

/** The donor's statement, once the projector has signed a head over everything loaded. */
async function signedStatement(): Promise<Statement> {
  for (let i = 0; ; i++) {
    const response = await fetch(`${e2e.ledger.query.url}/v1/donors/${e2e.ledger.donorId}/statement`, {
      headers: { authorization: `Bearer ${e2e.ledger.keys.donor}` },
    });
    if (response.status === 200) return (await response.json()) as Statement;
    expect(response.status).toBe(503);
    if (i > 300) throw new Error("no head was signed over the loaded coalition");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.runIf(e2e.haveChromium)("the web pages, in a real browser on the real services", () => {
  it("refuses a wrong key plainly and keeps the page as it was", async () => {
    await onFreshPage(
      e2e.browser,
      signedInAs(e2e.ledger.web.url, `${e2e.ledger.keys.donor.slice(0, -4)}AAAA`),
      async (page) => {
        await expect.poll(() => text(page, "sign-in-problem")).toBe(en.signIn.refused);
        expect(await page.getByTestId("sign-in").isVisible()).toBe(true);
      },
    );
  });

  for (const role of ["auditor", "donor", "cbo", "admin"] as const) {
    it(`signs a ${role} in to the coalition page, whose figures are the query API's`, async () => {
      const key = e2e.ledger.keys[role];
      const totals = await api<Totals>("/v1/totals", key);
      await onFreshPage(e2e.browser, signedInAs(e2e.ledger.web.url, key), async (page) => {
        await page.getByTestId("headline").waitFor();

        const persons = totals.overall.persons;
        expect(await text(page, "members-reached")).toBe(personsText(totals.overall));
        expect(persons === null).toBe(totals.overall.suppressedReason !== null);
        expect(await text(page, "support-worth")).toBe(rupeesShort(totals.overall.valuePaise));
        expect(await tilesOf(page, "coalition-overall")).toEqual([
          ["CBOs", "overall-cbos", formatCount(totals.overall.cbos, "en")],
          ["Distributions", "overall-distributions", formatCount(totals.overall.distributions, "en")],
          ["Paid by donors", "overall-attributed", rupeesShort(totals.overall.attributedPaise)],
          ["Through government schemes", "overall-scheme", rupeesShort(totals.overall.schemePaise)],
        ]);

        // The header's menu: the coalition for everyone, then the role's own pages.
        const menus = {
          admin: [],
          cbo: [
            ["Record distributions", "/desk"],
            ["My distributions", "/desk/distributions"],
          ],
          donor: [["My funds", `/donors/${e2e.ledger.donorId}`]],
          auditor: [
            ["Flag queue", "/audit/flags"],
            ["Check the ledger", "/audit"],
            ["Replay and compare", "/audit/replay"],
            ["Where money went", "/audit/money"],
          ],
        };
        expect(await menuOf(page)).toEqual([["Coalition", "/coalition"], ...menus[role]]);

        // Month by month: the money the API's cells add up to, month by month.
        const byMonth = new Map<string, number>();
        for (const c of totals.cells) byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + c.valuePaise);
        await page.getByTestId("figure-by-month").getByTestId("toggle-table").click();
        const monthRows = (await tableText(page, "table-by-month")).slice(1);
        expect(monthRows).toEqual(
          [...byMonth.keys()].sort().map((m) => [formatMonth(m, "en"), formatRupees(byMonth.get(m)!, "en")]),
        );

        // Service by month, with people reached: every cell as the API gives it.
        await page.getByTestId("figure-cells").getByTestId("toggle-table").click();
        const cellRows = (await tableText(page, "table-cells")).slice(1);
        expect(cellRows.map((r) => r[2])).toEqual(totals.cells.map((c) => personsText(c)));
        const suppressed = totals.cells.filter((c) => c.persons === null).length;
        if (role === "auditor") expect(suppressed).toBe(0);
        else expect(suppressed).toBeGreaterThan(0);

        // The CSV link is the query API's own export of the same figures.
        const download = page.waitForEvent("download");
        await page.getByTestId("figure-by-month").getByTestId("csv").click();
        const csv = await (await download).createReadStream().then(async (stream) => {
          let body = "";
          for await (const chunk of stream) body += chunk.toString();
          return body;
        });
        expect(csv.split("\n")[1]).toContain("#sector");
        expect(csv.trim().split("\n").length).toBe(totals.cells.length + 2);
      });
    });
  }

  it("shows a donor its funds: received, spent and remaining; a Sankey whose flows add up; small cells hidden", async () => {
    const { overall, funds } = await api<{ overall: Headline; funds: Fund[] }>(
      `/v1/donors/${e2e.ledger.donorId}/attribution`,
      e2e.ledger.keys.donor,
    );
    expect(funds.length).toBeGreaterThan(1);
    /** The donor's headline tiles for `figures` (all funds, or one): money, and people as the API hides them. */
    const headline = (figures: Headline) => [
      ["Received", "overall-received", rupeesShort(figures.receivedPaise)],
      ["Spent", "overall-attributed", rupeesShort(figures.attributedPaise)],
      ["Remaining", "overall-remaining", rupeesShort(figures.remainingPaise)],
      ["People reached", "overall-persons", personsText(figures)],
    ];
    await onFreshPage(e2e.browser, signedInAs(e2e.ledger.web.url, e2e.ledger.keys.donor), async (page) => {
      await page.getByRole("link", { name: en.nav.myFunds }).click();
      await page.getByTestId("table-funds").waitFor();
      expect(await tilesOf(page, "donor-overall")).toEqual(headline(overall));

      const fundRows = (await tableText(page, "table-funds")).slice(1);
      expect(fundRows.map((r) => r.slice(2))).toEqual(
        funds.map((f) => [
          formatRupees(f.receivedPaise, "en"),
          formatRupees(f.attributedPaise, "en"),
          formatRupees(f.remainingPaise, "en"),
          personsText(f),
        ]),
      );

      // The Sankey's flows, read from its table view: out of each fund they add up to what the
      // API says the fund paid for; into each fund from the donor, the same.
      await page.getByTestId("figure-sankey").getByTestId("toggle-table").click();
      const flows = await Promise.all(
        (await page.getByTestId("table-flows").locator("tbody tr").all()).map(async (row) => {
          const ends = row.locator("[data-kind]");
          return {
            from: (await ends.nth(0).getAttribute("data-kind"))!,
            fromId: (await ends.nth(0).getAttribute("data-id"))!,
            to: (await ends.nth(1).getAttribute("data-kind"))!,
            toId: (await ends.nth(1).getAttribute("data-id"))!,
            paise: Number(await row.locator("[data-paise]").getAttribute("data-paise")),
          };
        }),
      );
      for (const fund of funds) {
        const out = flows.filter((f) => f.from === "fund" && f.fromId === fund.fundId);
        const into = flows.filter((f) => f.to === "fund" && f.toId === fund.fundId);
        const sum = (list: typeof flows) => list.reduce((total, f) => total + f.paise, 0);
        expect(sum(out), fund.fundId).toBe(fund.attributedPaise);
        expect(sum(into), fund.fundId).toBe(fund.attributedPaise);
      }
      expect(await page.getByTestId("sankey").locator("canvas").count()).toBe(1);

      // People reached: a small cell says "fewer than 5" and a cell hidden to protect it says so,
      // each exactly where the API hid it and for the reason the API gives; never a false "fewer
      // than 5" on a complement.
      const apiCells = funds.flatMap((f) => f.cells);
      await page.getByTestId("figure-people").getByTestId("toggle-table").click();
      const peopleRows = (await tableText(page, "table-people")).slice(1);
      expect(peopleRows.map((r) => r[4])).toEqual(apiCells.map((c) => personsText(c)));
      const shownAs = (reason: Reason) =>
        peopleRows.filter((_, i) => apiCells[i]!.suppressedReason === reason).map((r) => r[4]);
      expect(shownAs("small").length, "the demo has small cells").toBeGreaterThan(0);
      expect(new Set(shownAs("small"))).toEqual(new Set([en.figures.fewerThanFive]));
      expect(shownAs("protective").length, "the demo has cells hidden to protect them").toBeGreaterThan(0);
      expect(new Set(shownAs("protective"))).toEqual(new Set([en.figures.protectsSmallGroup]));

      // And in Hindi and Bengali, the same two labels, translated.
      for (const language of ["hi", "bn"] as const) {
        await pickLanguage(page, language);
        const table = page.getByTestId("table-people");
        await expect
          .poll(() => table.locator('[data-reason="small"]').first().innerText())
          .toBe(LOCALES[language].figures.fewerThanFive);
        expect(await table.locator('[data-reason="protective"]').first().innerText()).toBe(
          LOCALES[language].figures.protectsSmallGroup,
        );
      }
      await pickLanguage(page, "en");

      // One fund's page heads with that fund's own figures; a fund of fewer than 5 people says so.
      const small = funds.find((f) => f.suppressedReason === "small");
      for (const fund of [funds[0]!, ...(small ? [small] : [])]) {
        await page.goto(`${e2e.ledger.web.url}/donors/${e2e.ledger.donorId}/funds/${fund.fundId}`);
        await page.getByTestId("table-funds").waitFor();
        expect(await tilesOf(page, "donor-overall"), fund.fundId).toEqual(headline(fund));
      }
    });
  });

  it("prints a donor's statement at a signed head, the API's figures, linked from the donor page beside the IATI file", async () => {
    const statement = await signedStatement();
    expect(statement.funds.length).toBeGreaterThan(1);
    await onFreshPage(e2e.browser, signedInAs(e2e.ledger.web.url, e2e.ledger.keys.donor), async (page) => {
      await page.getByRole("link", { name: en.nav.myFunds }).click();
      await page.getByTestId("donor-reports").waitFor();

      // The IATI link is the query API's file, through this origin with the session.
      const iatiHref = await page.getByRole("link", { name: en.statement.iatiLink }).getAttribute("href");
      const iati = await page.evaluate(
        (path) => fetch(path).then(async (r) => ({ status: r.status, body: (await r.text()).slice(0, 300) })),
        iatiHref!,
      );
      expect(iati.status).toBe(200);
      expect(iati.body).toContain("<iati-activities");

      await page.getByRole("link", { name: en.statement.link }).click();
      await page.getByTestId("statement-fund").first().waitFor();
      expect(Number(await page.getByTestId("statement").getAttribute("data-tree-size"))).toBe(statement.head.treeSize);
      const paiseIn = async (testId: string) =>
        Number(await page.getByTestId(testId).locator("[data-paise]").getAttribute("data-paise"));
      expect(await paiseIn("total-received")).toBe(statement.totals.receivedPaise);
      expect(await paiseIn("total-attributed")).toBe(statement.totals.attributedPaise);
      expect(await paiseIn("total-remaining")).toBe(statement.totals.remainingPaise);
      for (const fund of statement.funds) {
        const section = page.locator(`[data-fund-id="${fund.fundId}"]`);
        const field = (name: string) =>
          section.locator(`[data-field="${name}"] [data-paise]`).getAttribute("data-paise");
        expect(Number(await field("received")), fund.fundId).toBe(fund.receivedPaise);
        expect(Number(await field("attributed")), fund.fundId).toBe(fund.attributedPaise);
        expect(Number(await field("remaining")), fund.fundId).toBe(fund.remainingPaise);
        expect(await section.locator('[data-field="persons"]').innerText()).toBe(
          fund.persons === null ? en.statement.withheldPersons : formatCount(fund.persons, "en"),
        );
        for (const line of fund.lines) {
          const shown = section.locator(`[data-line="${line.cboId}/${line.service}"] [data-paise]`);
          expect(Number(await shown.getAttribute("data-paise")), `${fund.fundId} ${line.service}`).toBe(line.paise);
        }
        if (fund.withheldPaise > 0)
          expect(Number(await section.locator('[data-line="withheld"] [data-paise]').getAttribute("data-paise"))).toBe(
            fund.withheldPaise,
          );
      }
      expect(statement.funds.some((f) => f.withheldPaise > 0)).toBe(true);
      expect(await page.getByTestId("checkpoint").textContent()).toBe(statement.head.checkpoint);

      // The file offered for download is the document the page shows.
      const download = page.waitForEvent("download");
      await page.getByTestId("statement-json").click();
      const saved = JSON.parse(readFileSync(await (await download).path(), "utf8")) as Statement;
      expect({ ...saved, generatedAt: "" }).toEqual({ ...statement, generatedAt: "" });

      // Printable: the browser's own PDF, and the page as print media lays it out.
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      await page.emulateMedia({ media: "print" });
      expect(await page.locator(".site-header").isVisible()).toBe(false);
      expect(await page.getByTestId("print").isVisible()).toBe(false);
      await screenshot(page, "statement-print");
    });
  });

  it("keeps a donor to its own funds when the URL is edited", async () => {
    const othersFunds = await fundsOf(e2e.ledger.otherDonorId, e2e.ledger.keys.otherDonor);
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    await signIn(page, e2e.ledger.keys.donor);
    await page.getByTestId("headline").waitFor();

    await page.goto(`${e2e.ledger.web.url}/donors/${e2e.ledger.otherDonorId}`);
    await expect.poll(() => text(page, "failure")).toBe(en.donor.notYours);
    await page.goto(`${e2e.ledger.web.url}/donors/${e2e.ledger.donorId}/funds/${othersFunds[0]!.fundId}`);
    await expect.poll(() => text(page, "failure")).toBe(en.donor.noSuchFund);
    expect(asked.filter((p) => p.includes(e2e.ledger.otherDonorId))).toEqual([`/donors/${e2e.ledger.otherDonorId}`]);
    // And the API behind the page refuses it too, with this session.
    const status = await page.evaluate(
      (path) => fetch(path).then((r) => r.status),
      `/api/query/v1/donors/${e2e.ledger.otherDonorId}/attribution`,
    );
    expect(status).toBe(403);
    await context.close();
  });

  it("forgets the key at sign-out: the old session cookie opens nothing, and no key was stored or put in a URL", async () => {
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    await signIn(page, e2e.ledger.keys.donor);
    await page.getByTestId("headline").waitFor();
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: "ledger_session", httpOnly: true, sameSite: "Strict" });
    expect(cookie!.value).not.toContain(e2e.ledger.keys.donor);
    // Nothing in the browser's storage or the page carries the key: only the opaque session id.
    const { origins } = await context.storageState();
    expect(JSON.stringify(origins)).not.toContain(e2e.ledger.keys.donor);
    expect(await page.content()).not.toContain(e2e.ledger.keys.donor);

    await page.getByTestId("sign-out").click();
    await page.getByTestId("sign-in").waitFor();
    expect(await context.cookies()).toEqual([]);
    const replayed = await fetch(`${e2e.ledger.web.url}/api/query/v1/totals`, {
      headers: { cookie: `ledger_session=${cookie!.value}` },
    });
    expect(replayed.status).toBe(401);
    expect(urls.filter((u) => u.includes(e2e.ledger.keys.donor))).toEqual([]);
    await context.close();
  });

  it("has no serious or critical accessibility finding on any page, in each language, and writes the screenshots", async () => {
    const axe = axeFindings();
    const donorName = (await signedStatement()).donor!.name;
    await inEachLayout(
      e2e.browser,
      (context) => context.newPage(),
      async (page, language, size) => {
        await page.goto(`${e2e.ledger.web.url}/`);
        await page.getByTestId("sign-in").waitFor();
        await pickLanguage(page, language);
        expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(LOCALES[language].signIn.title);
        await axe.check(page, size, `sign-in ${language}`);
        if (language === "en") await screenshot(page, `sign-in-${size}`);

        await page.locator("#api-key").fill(e2e.ledger.keys.donor);
        await page.locator("form button[type=submit]").click();
        await page.getByTestId("headline").waitFor();
        expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(LOCALES[language].coalition.title);
        await axe.check(page, size, `coalition ${language}`);
        await screenshot(page, `coalition-${language}-${size}`);

        await page.goto(`${e2e.ledger.web.url}/donors/${e2e.ledger.donorId}`);
        await page.getByTestId("table-funds").waitFor();
        await axe.check(page, size, `donor ${language}`);
        await screenshot(page, `donor-${language}-${size}`);
        expect(await cspViolations(page)).toEqual([]);

        await page.goto(`${e2e.ledger.web.url}/donors/${e2e.ledger.donorId}/statement`);
        await page.getByTestId("statement-fund").first().waitFor();
        expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(
          LOCALES[language].statement.title.replace("{{donor}}", donorName),
        );
        await axe.check(page, size, `statement ${language}`);
        await screenshot(page, `statement-${language}-${size}`);
        await page.getByTestId("sign-out").click();
        await page.getByTestId("sign-in").waitFor();
      },
    );
    expect(axe.all).toEqual([]);
  }, 180_000);

  it("can be used with the keyboard alone: sign in, then open a chart's table", async () => {
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    await page.goto(`${e2e.ledger.web.url}/`);
    await page.getByTestId("sign-in").waitFor();
    const focused = () =>
      page.evaluate<string>("document.activeElement?.id || document.activeElement?.dataset?.testid || ''");
    for (let i = 0; i < 12 && (await focused()) !== "api-key"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("api-key");
    await page.keyboard.type(e2e.ledger.keys.auditor);
    await page.keyboard.press("Enter");
    await page.getByTestId("headline").waitFor();
    for (let i = 0; i < 20 && (await focused()) !== "toggle-table"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("toggle-table");
    await page.keyboard.press("Enter");
    const toggle = page.getByTestId("figure-by-month").getByTestId("toggle-table");
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    expect(await page.getByTestId("table-by-month").isVisible()).toBe(true);
    await context.close();
  });

  it("says plainly that a key revoked during a session is no longer accepted", async () => {
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    await signIn(page, e2e.ledger.keys.cbo);
    await page.getByTestId("headline").waitFor();
    // Revoked as `ledger keys revoke` does it: the key's record leaves the keys file.
    const keyId = e2e.ledger.keys.cbo.split("_")[1];
    const file = JSON.parse(readFileSync(e2e.ledger.keysFile, "utf8")) as { keys: { keyId: string }[] };
    writeFileSync(e2e.ledger.keysFile, JSON.stringify({ keys: file.keys.filter((k) => k.keyId !== keyId) }));
    // The services re-read the file within a second of a change.
    await expect
      .poll(() => page.evaluate<number>("fetch('/api/query/v1/totals').then((r) => r.status)"), { timeout: 10_000 })
      .toBe(401);
    await page.reload();
    await expect.poll(() => text(page, "sign-in-problem")).toBe(en.signIn.refused);
    expect(await context.cookies()).toEqual([]);
    await context.close();
  });

  it("never writes a key to the web service's log", async () => {
    // Every test above signed in through this service and used its proxy with each role's key.
    const log = e2e.ledger.web.output();
    expect(log.length).toBeGreaterThan(0);
    for (const key of Object.values(e2e.ledger.keys)) {
      expect(log).not.toContain(key);
      // The secret: all after "rlk_<12-hex key id>_"; base64url, so it may hold "_" itself.
      expect(log).not.toContain(key.slice("rlk_".length + 13));
    }
  });
});
