import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPem } from "@relief-ledger/audit";
import type { Browser, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../services/web/app/src/locales/index.js";
import { chromiumPath, cspViolations, launchBrowser, newContext } from "./browser.js";
import { signIn } from "./pages.js";
import { startTestLedger, type TestLedger } from "./web-ledger.js";

// The auditor's console, issue 15 part 3 and the defect left in part 2: replays started from the
// page, reports compared on it, where every donor's money went — and only the latest head check
// may keep the head it verified.

const haveChromium = chromiumPath() !== undefined;
if (!haveChromium)
  console.warn("[auditor replay] SKIPPED: no chromium on PATH (apt-get install -y chromium; .ci/run does)");

let ledger: TestLedger;
let browser: Browser;
let keyDir: string;

interface Head {
  treeSize: number;
  rootHash: string;
}
const latestHead = async (): Promise<Head | undefined> => {
  const response = await fetch(`${ledger.query.url}/v1/audit/head`);
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
  const registered = await fetch(`${ledger.ingest.url}/v1/donors`, {
    method: "POST",
    headers: { authorization: `Bearer ${ledger.keys.admin}`, "content-type": "application/json" },
    body: JSON.stringify({ donorId, name: "Replay test trust", kind: "foundation" }),
  });
  expect(registered.status).toBe(201);
}

beforeAll(async () => {
  if (!haveChromium) return;
  keyDir = mkdtempSync(join(tmpdir(), "ledger-operator-"));
  writeFileSync(join(keyDir, "signing-key.pem"), generateSigningKeyPem(), { mode: 0o600 });
  [ledger, browser] = await Promise.all([
    startTestLedger({
      env: { LEDGER_SIGNING_KEY: join(keyDir, "signing-key.pem"), LEDGER_SIGN_EVERY_SECONDS: "1" },
    }),
    launchBrowser(),
  ]);
  await signedBeyond(0);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await ledger?.close();
  if (keyDir) rmSync(keyDir, { recursive: true, force: true });
});

describe.runIf(haveChromium)("the auditor's head check", () => {
  it("keeps only what the latest check verified: a check superseded while it ran stores nothing", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, ledger.web.url, ledger.keys.auditor);
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
    await expect.poll(() => page.getByTestId("head-tree-size").getAttribute("data-value")).toBe(String(headB.treeSize));
    expect(await page.getByTestId("head-comparison").getAttribute("data-kind")).toBe("extends");
    await expect.poll(() => page.getByTestId("table-seen-heads").locator("tbody tr").count()).toBe(2);
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
