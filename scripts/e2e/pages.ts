import type { BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import type { Language } from "../../services/web/app/src/format.js";

// What every browser test of the pages does: sign in, read a test id's text or a table, switch
// language. One home, so the page tests of each area share them.

/** Signs in through the sign-in form of the web service at `webUrl`. */
export async function signIn(page: Page, webUrl: string, key: string): Promise<void> {
  await page.goto(`${webUrl}/`);
  await page.getByLabel("API key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Opens a new page of `context` and signs in there with `key` (an opener for `onFreshPage`). */
export const signedInAs =
  (webUrl: string, key: string) =>
  async (context: BrowserContext): Promise<Page> => {
    const page = await context.newPage();
    await signIn(page, webUrl, key);
    return page;
  };

export const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

/** The page's table as text, row by row (header row first). */
export const tableText = async (page: Page, testId: string): Promise<string[][]> => {
  const rows = await page.getByTestId(testId).locator("tr").all();
  return Promise.all(rows.map(async (row) => (await row.locator("th, td").allInnerTexts()).map((t) => t.trim())));
};

/** The links of the header's menu, in order, as [text, href]. */
export const menuOf = async (page: Page): Promise<[text: string, href: string][]> =>
  Promise.all(
    (await page.locator(".site-header nav a").all()).map(async (link) => [
      await link.innerText(),
      (await link.getAttribute("href"))!,
    ]),
  );

export async function pickLanguage(page: Page, language: Language) {
  await page.getByTestId("language").selectOption(language);
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(language);
}

/**
 * The words a person reads on the page: the visible text, without what is literally typed into
 * a file (`<code>`: column names, service codes, examples) and the language menu (each language
 * names itself).
 */
export const visibleWords = (page: Page): Promise<string> =>
  page.evaluate<string>(`(() => {
    const body = document.body.cloneNode(true);
    for (const node of body.querySelectorAll("code, select, script, style")) node.remove();
    document.body.append(body);
    body.style.position = "absolute";
    const text = body.innerText;
    body.remove();
    return text;
  })()`);
