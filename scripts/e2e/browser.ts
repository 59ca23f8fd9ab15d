import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { LANGUAGES, type Language } from "../../services/web/app/src/format.js";

const require = createRequire(import.meta.url);
export const SCREENSHOT_DIR = fileURLToPath(new URL("../../docs/screenshots", import.meta.url));

/** Debian's chromium (Playwright's own download is not reachable here); .ci/run installs it. */
export function chromiumPath(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 900 };
export type ViewportName = "desktop" | "phone";
const VIEWPORTS = [
  [DESKTOP, "desktop"],
  [PHONE, "phone"],
] as const;

/**
 * A fresh context (its own cookies and storage) whose pages record every Content-Security-Policy
 * violation, so a test can require there were none.
 */
export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: "en-IN", acceptDownloads: true });
  // A string, not a function: it runs in the page, whose types this Node program does not load.
  await context.addInitScript(`
    globalThis.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      globalThis.__cspViolations.push(event.violatedDirective + " " + event.blockedURI));
  `);
  return context;
}

export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate<string[]>("globalThis.__cspViolations ?? []");

/**
 * Runs `body` on a page of a fresh desktop context that `open` opens (signs in, goes to the first
 * page), then requires that the page met no Content-Security-Policy violation; the context is
 * closed either way.
 */
export async function onFreshPage(
  browser: Browser,
  open: (context: BrowserContext) => Promise<Page>,
  body: (page: Page) => Promise<void>,
): Promise<void> {
  const context = await newContext(browser);
  try {
    const page = await open(context);
    await body(page);
    expect(await cspViolations(page)).toEqual([]);
  } finally {
    await context.close();
  }
}

const axeSource = (): string => require("node:fs").readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical findings on the page as it stands (WCAG 2.1 A and AA rules). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(axeSource());
  const results = await page.evaluate<{
    passes: unknown[];
    violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
  }>(
    `axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } })`,
  );
  // A run that checked nothing would pass everything.
  if (results.passes.length < 10) throw new Error(`axe-core checked almost nothing (${results.passes.length} rules)`);
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/**
 * axe findings gathered over a walk through pages, each labelled with where it was found, so one
 * assertion at the end names them all. Only the desktop layout is checked: the phone's is the
 * same markup, and its screenshot shows its layout.
 */
export function axeFindings() {
  const all: string[] = [];
  return {
    all,
    async check(page: Page, viewport: ViewportName, label: string): Promise<void> {
      if (viewport === "desktop") all.push(...(await seriousAxeViolations(page)).map((v) => `${label}: ${v}`));
    },
  };
}

/**
 * Visits the pages in each language, at the desktop size and then the phone size: a fresh context
 * for each size, opened by `open` (sign-in and the first page), then `visit` in English, Hindi and
 * Bengali in turn on that same page.
 */
export async function inEachLayout(
  browser: Browser,
  open: (context: BrowserContext) => Promise<Page>,
  visit: (page: Page, language: Language, viewport: ViewportName) => Promise<void>,
): Promise<void> {
  for (const [size, viewport] of VIEWPORTS) {
    const context = await newContext(browser, size);
    try {
      const page = await open(context);
      for (const language of LANGUAGES) await visit(page, language, viewport);
    } finally {
      await context.close();
    }
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
