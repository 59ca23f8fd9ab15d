import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { formatCount, hiddenPersonsLabel } from "../../services/web/app/src/format.js";
import { en } from "../../services/web/app/src/locales/index.js";
import { cspViolations, newContext, seriousAxeViolations } from "./browser.js";
import { browserSuite } from "./browser-suite.js";
import { menuOf } from "./pages.js";

// Public mode (LEDGER_PUBLIC_COALITION=1 on query and web, as the compose files set it): anyone
// sees the coalition page without signing in, as a key with nothing of its own to subtract sees
// it; every other page and every other API read still asks for a key.

const e2e = browserSuite("web public", { ledger: (env) => ({ env: { ...env, LEDGER_PUBLIC_COALITION: "1" } }) });

type Reason = "small" | "protective" | null;
interface Totals {
  overall: { persons: number | null; suppressedReason: Reason };
  cells: { persons: number | null; suppressedReason: Reason }[];
}

const personsText = (row: { persons: number | null; suppressedReason: Reason }) =>
  row.persons !== null
    ? formatCount(row.persons, "en")
    : en.figures[hiddenPersonsLabel(row).split(".")[1] as keyof typeof en.figures];

/** Every request the page makes, by path, and the status the server gave each. */
function recordAnswers(page: Page): { path: string; status: number }[] {
  const answers: { path: string; status: number }[] = [];
  page.on("response", (response) =>
    answers.push({ path: new URL(response.url()).pathname, status: response.status() }),
  );
  return answers;
}

describe.runIf(e2e.haveChromium)("public mode: the coalition page without sign-in, nothing else", () => {
  it("shows the coalition page to a visitor with no key, its figures the public API's, small cells hidden", async () => {
    // The public answer, with no key at all, through the same origin the page uses.
    const response = await fetch(`${e2e.ledger.web.url}/api/query/v1/totals`);
    expect(response.status).toBe(200);
    const totals = (await response.json()) as Totals;
    expect(totals.cells.some((c) => c.persons === null)).toBe(true);

    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    const answers = recordAnswers(page);
    await page.goto(`${e2e.ledger.web.url}/coalition`);
    await page.getByTestId("headline").waitFor();
    expect(await page.getByTestId("members-reached").first().innerText()).toBe(personsText(totals.overall));
    await page.getByTestId("figure-cells").getByTestId("toggle-table").click();
    const cells = await page.getByTestId("table-cells").locator("tbody tr").all();
    const shown = await Promise.all(cells.map(async (row) => (await row.locator("th, td").nth(2).innerText()).trim()));
    expect(shown).toEqual(totals.cells.map(personsText));

    // Signed out: no session, no sign-out button, no donor's link; sign-in is offered beside it.
    expect(await context.cookies()).toEqual([]);
    expect(await page.getByTestId("sign-out").count()).toBe(0);
    expect(await page.getByRole("link", { name: en.nav.myFunds }).count()).toBe(0);
    expect(await menuOf(page)).toEqual([["Coalition", "/coalition"]]);
    expect(await page.locator("details.public-sign-in").count()).toBe(1);
    // Every read the page made was answered without a key.
    expect(answers.filter((a) => a.path.startsWith("/api/") && a.status !== 200)).toEqual([]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  it("still asks for a key on a donor's pages, and the API refuses them without one", async () => {
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    const answers = recordAnswers(page);
    for (const path of [`/donors/${e2e.ledger.donorId}`, `/donors/${e2e.ledger.donorId}/funds/anything`]) {
      await page.goto(`${e2e.ledger.web.url}${path}`);
      await page.getByTestId("sign-in").waitFor();
      expect(await page.getByTestId("table-funds").count(), path).toBe(0);
      expect(await page.getByTestId("headline").count(), path).toBe(0);
    }
    // The page did not even ask for the attribution: it knows it has no key.
    expect(answers.filter((a) => a.path.includes("/attribution"))).toEqual([]);
    for (const path of [
      `/v1/donors/${e2e.ledger.donorId}/attribution`,
      `/v1/donors/${e2e.ledger.donorId}/attribution?format=csv`,
      `/v1/cbos/${e2e.ledger.cboId}/totals`,
      "/v1/flags",
    ]) {
      const refused = await fetch(`${e2e.ledger.web.url}/api/query${path}`);
      expect(refused.status, path).toBe(401);
    }

    // With the donor's key, the same page opens: the mode adds a public page, it removes no key.
    await page.getByLabel("API key").fill(e2e.ledger.keys.donor);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("sign-out").waitFor();
    await page.goto(`${e2e.ledger.web.url}/donors/${e2e.ledger.donorId}`);
    await page.getByTestId("table-funds").waitFor();
    await context.close();
  });
});
