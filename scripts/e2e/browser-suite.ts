import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSigningKeyPem } from "@relief-ledger/audit";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { chromiumPath, launchBrowser } from "./browser.js";
import { startTestLedger, type TestLedger } from "./web-ledger.js";

type LedgerOptions = NonNullable<Parameters<typeof startTestLedger>[0]>;

export interface BrowserSuite {
  /** Whether chromium is installed; without it the suite is skipped and says why, once. */
  readonly haveChromium: boolean;
  /** The running ledger and browser, from the suite's beforeAll on. */
  readonly ledger: TestLedger;
  readonly browser: Browser;
  /** The projector's signing key (PEM) when the suite asked for signed heads. */
  readonly signingKeyPem: string | undefined;
}

/**
 * The setup every browser suite shares: a test ledger on the real services and a browser, started
 * together before the suite and closed after it. With `signHeads`, the projector signs heads as
 * in production, but within a second of catching up. `ledger` gives the ledger's settings, and
 * may start what they name first (a proxy); it runs inside beforeAll.
 */
export function browserSuite(
  label: string,
  options: {
    signHeads?: boolean;
    ledger?: (env: Record<string, string>) => LedgerOptions | Promise<LedgerOptions>;
  } = {},
): BrowserSuite {
  const haveChromium = chromiumPath() !== undefined;
  if (!haveChromium)
    console.warn(`[${label}] SKIPPED: no chromium on PATH (apt-get install -y chromium; .ci/run does)`);
  let ledger: TestLedger | undefined;
  let browser: Browser | undefined;
  let keyDir: string | undefined;
  let signingKeyPem: string | undefined;

  beforeAll(async () => {
    if (!haveChromium) return;
    const env: Record<string, string> = {};
    if (options.signHeads) {
      keyDir = mkdtempSync(join(tmpdir(), "ledger-web-signing-"));
      signingKeyPem = generateSigningKeyPem();
      writeFileSync(join(keyDir, "signing-key.pem"), signingKeyPem, { mode: 0o600 });
      Object.assign(env, { LEDGER_SIGNING_KEY: join(keyDir, "signing-key.pem"), LEDGER_SIGN_EVERY_SECONDS: "1" });
    }
    const ledgerOptions = options.ledger ? await options.ledger(env) : { env };
    [ledger, browser] = await Promise.all([startTestLedger(ledgerOptions), launchBrowser()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await ledger?.close();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is not started: read it inside a test`);
    return value;
  };
  return {
    haveChromium,
    get ledger() {
      return started(ledger, "test ledger");
    },
    get browser() {
      return started(browser, "browser");
    },
    get signingKeyPem() {
      return signingKeyPem;
    },
  };
}
