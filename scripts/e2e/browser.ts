import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

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

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
