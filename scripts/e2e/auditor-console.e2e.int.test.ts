import { createHash } from "node:crypto";
import {
  checkProofBundle,
  eventLeafHash,
  exportPublicKey,
  formatCheckpoint,
  generateSigningKeyPem,
  signHead,
  signingKeyFromPem,
  type SigningKey,
} from "@relief-ledger/audit";
import type { BrowserContext, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bn, en, hi } from "../../services/web/app/src/locales/index.js";
import { submissionsOf } from "../demo-data/index.js";
import {
  axeFindings,
  cspViolations,
  inEachLayout,
  newContext,
  onFreshPage,
  screenshot,
  seriousAxeViolations,
} from "./browser.js";
import { browserSuite } from "./browser-suite.js";
import { pickLanguage, signedInAs, signIn, text } from "./pages.js";
import { startTamperProxy, type TamperProxy } from "./tamper-proxy.js";

// The auditor checks the ledger from the browser (issue 15): the page verifies the operator's
// signature, an inclusion proof and consistency with the heads it kept, with WebCrypto. A real
// HTTP proxy between the web service and the query service plays a dishonest server, so each lie
// must be caught by the page's own code, since the server never says anything is wrong.

const LOCALES = { en, hi, bn } as const;
let proxy: TamperProxy;
// The projector signs a head within a second of catching up; the web service reads the query
// service through the proxy.
const e2e = browserSuite("auditor check", {
  signHeads: true,
  ledger: async (env) => {
    proxy = await startTamperProxy();
    return { env, webEnv: { LEDGER_QUERY_URL: proxy.url } };
  },
});

interface Head {
  treeSize: number;
  rootHash: string;
  keyId: string;
  signature: string;
  origin: string;
}
interface Bundle {
  event: { id: string; data: Record<string, unknown> };
  leafIndex: number;
  treeSize: number;
  inclusionProof: string[];
  head: Head;
}

let operatorKey: SigningKey;
let distributionId: string;

const api = async <T>(path: string, key?: string): Promise<T> => {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const response = await fetch(`${e2e.ledger.query.url}${path}`, { headers });
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
};
const latestHead = async () => (await api<{ head: Head }>("/v1/audit/head")).head;
const checkpointText = async () => (await fetch(`${e2e.ledger.query.url}/v1/audit/checkpoint`)).text();

/** Waits until the projector has indexed the whole log and signed it all: the heads stop moving. */
async function everythingSigned(): Promise<void> {
  for (let i = 0; ; i++) {
    const { headPosition } = (await (await fetch(`${e2e.ledger.ingest.url}/health`)).json()) as {
      headPosition: string;
    };
    const health = (await (await fetch(`${e2e.ledger.projector.url}/health`)).json()) as {
      checkpoint: string;
      unsignedEvents?: number;
      signedTreeSize?: number;
    };
    if (health.checkpoint === headPosition && health.unsignedEvents === 0 && health.signedTreeSize! > 0) {
      // The head the projector reports is the one the query service serves.
      if ((await latestHead()).treeSize === health.signedTreeSize) return;
    }
    if (i > 240) throw new Error(`the projector did not sign the whole log: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A checkpoint the operator's own key signs, over a tree that never existed: what a fork looks like. */
function forkedCheckpoint(treeSize: number, origin: string): string {
  const rootHash = createHash("sha256").update(`fork-${treeSize}-${Math.random()}`).digest("hex");
  return formatCheckpoint(signHead({ treeSize, rootHash }, operatorKey, origin), operatorKey.publicKey);
}

async function downloaded(download: Promise<Download>): Promise<string> {
  let body = "";
  for await (const chunk of await (await download).createReadStream()) body += chunk.toString();
  return body;
}

async function openCheck(context: BrowserContext): Promise<Page> {
  const page = await signedInAs(e2e.ledger.web.url, e2e.ledger.keys.auditor)(context);
  await page.getByRole("link", { name: en.auditor.nav.check }).click();
  return page;
}

async function prove(page: Page, id: string) {
  await page.getByTestId("head-verified").waitFor();
  await page.getByLabel(en.auditor.prove.label).fill(id);
  await page.getByTestId("prove").click();
}

/** Each lie on a fresh browser, one that has seen no head yet. */
async function withLie<T>(rewrite: TamperProxy["rewrite"], body: (page: Page) => Promise<T>): Promise<T> {
  const context = await newContext(e2e.browser);
  proxy.rewrite = rewrite;
  try {
    const page = await openCheck(context);
    const result = await body(page);
    expect(await cspViolations(page)).toEqual([]);
    return result;
  } finally {
    proxy.rewrite = undefined;
    await context.close();
  }
}

const onPath = (prefix: string, change: (body: string) => string) => (path: string, body: string) =>
  path.startsWith(prefix) ? change(body) : undefined;
const inBundle = (change: (bundle: Bundle) => void) =>
  onPath("/v1/audit/proofs/inclusion", (body) => {
    const bundle = JSON.parse(body) as Bundle;
    change(bundle);
    return JSON.stringify(bundle);
  });
const flipHex = (hex: string) => (hex[0] === "0" ? "1" : "0") + hex.slice(1);

beforeAll(async () => {
  if (!e2e.haveChromium) return;
  operatorKey = signingKeyFromPem(e2e.signingKeyPem!);
  proxy.upstream = e2e.ledger.query.url;
  distributionId = submissionsOf(e2e.ledger.coalition).next().value!.submission.distributions[0]!.distributionId;
  await everythingSigned();
}, 120_000);

afterAll(async () => {
  await proxy?.close();
});

describe.runIf(e2e.haveChromium)(
  "the auditor checks the ledger in the browser, trusting nothing the server says",
  () => {
    it("verifies the signed head and a real distribution's inclusion proof in the page", async () => {
      const head = await latestHead();
      const bundle = await api<Bundle>(
        `/v1/audit/proofs/inclusion?distributionId=${distributionId}&treeSize=${head.treeSize}`,
        e2e.ledger.keys.auditor,
      );
      await onFreshPage(e2e.browser, openCheck, async (page) => {
        await page.getByTestId("head-verified").waitFor();
        expect(await page.getByTestId("head-tree-size").getAttribute("data-value")).toBe(String(head.treeSize));
        expect(await text(page, "head-root")).toBe(head.rootHash);
        expect(await text(page, "key-id")).toBe(operatorKey.keyId);
        expect(await page.getByTestId("head-comparison").getAttribute("data-kind")).toBe("first");

        await prove(page, distributionId);
        await page.getByTestId("inclusion-verified").waitFor();
        expect(await page.getByTestId("inclusion-leaf-index").getAttribute("data-value")).toBe(
          String(bundle.leafIndex),
        );
        // The leaf hash the page computed is the one Node computes from the same event.
        expect(await text(page, "inclusion-leaf-hash")).toBe(
          eventLeafHash(bundle.event as Parameters<typeof eventLeafHash>[0]).toString("hex"),
        );
        // The proof it downloads is one `ledger check-proof` accepts with the operator's key.
        const download = page.waitForEvent("download");
        await page.getByTestId("download-proof").click();
        const file = JSON.parse(await downloaded(download)) as unknown;
        expect(checkProofBundle(file, operatorKey.publicKey)).toMatchObject({ ok: true, leafIndex: bundle.leafIndex });
      });
    });

    it("fails loudly when the server tampers with the proof, the event or the root under the proof", async () => {
      const failure = async (page: Page) => {
        await prove(page, distributionId);
        await page.getByTestId("inclusion-failed").waitFor();
        expect(await page.getByTestId("inclusion-verified").count()).toBe(0);
        expect(await page.getByTestId("inclusion-failed").getAttribute("role")).toBe("alert");
        return page.getByTestId("inclusion-failed").getAttribute("data-reason");
      };
      const proofFlipped = inBundle((b) => (b.inclusionProof[0] = flipHex(b.inclusionProof[0]!)));
      expect(await withLie(proofFlipped, failure)).toBe("path");
      const proofCut = inBundle((b) => b.inclusionProof.pop());
      expect(await withLie(proofCut, failure)).toBe("path");
      const eventChanged = inBundle((b) => (b.event.data.valuePaise = Number(b.event.data.valuePaise) + 100));
      expect(await withLie(eventChanged, failure)).toBe("path");
      const otherLeaf = inBundle((b) => (b.leafIndex += 1));
      expect(await withLie(otherLeaf, failure)).toBe("path");
      const wrongRoot = inBundle((b) => (b.head.rootHash = flipHex(b.head.rootHash)));
      expect(await withLie(wrongRoot, failure)).toBe("head-mismatch");
      const otherEvent = inBundle((b) => (b.event.data.distributionId = "00000000-0000-4000-8000-000000000000"));
      expect(await withLie(otherEvent, failure)).toBe("not-distribution");
    });

    it("fails loudly on a head whose root was changed or whose signature is forged", async () => {
      const alarm = async (page: Page) => {
        await page.getByTestId("head-alarm").waitFor();
        expect(await page.getByTestId("head-verified").count()).toBe(0);
        expect(await page.getByTestId("prove-form").count()).toBe(0);
        const alarmBox = page.getByTestId("head-alarm");
        return [await alarmBox.getAttribute("data-kind"), await alarmBox.getAttribute("data-reason")];
      };
      const real = await checkpointText();
      const [body, signatureLine] = real.split("\n\n") as [string, string];
      const [origin, size, root] = body.split("\n") as [string, string, string];
      const otherRoot = Buffer.from(root, "base64").map((b, i) => (i === 0 ? b ^ 1 : b));
      const wrongRoot = onPath(
        "/v1/audit/checkpoint",
        () => `${origin}\n${size}\n${Buffer.from(otherRoot).toString("base64")}\n\n${signatureLine}`,
      );
      expect(await withLie(wrongRoot, alarm)).toEqual(["forged", "forged"]);
      // The operator's key hash on the line, and another key's signature of the same note text.
      const impostor = signingKeyFromPem(generateSigningKeyPem());
      const forgedHead = signHead(
        { treeSize: Number(size), rootHash: Buffer.from(root, "base64").toString("hex") },
        impostor,
        origin,
      );
      const lineBytes = Buffer.from(signatureLine.trim().split(" ").at(-1)!, "base64");
      const forgedLine = `\u2014 ${origin} ${Buffer.concat([lineBytes.subarray(0, 4), Buffer.from(forgedHead.signature, "hex")]).toString("base64")}\n`;
      const forgedSignature = onPath("/v1/audit/checkpoint", () => `${body}\n\n${forgedLine}`);
      expect(await withLie(forgedSignature, alarm)).toEqual(["forged", "forged"]);
      // Signed by the impostor under its own key hash: no line by the operator's key at all.
      const impostorsOwn = onPath("/v1/audit/checkpoint", () => formatCheckpoint(forgedHead, impostor.publicKey));
      expect(await withLie(impostorsOwn, alarm)).toEqual(["forged", "unsigned"]);
      // The key the server hands out, swapped for the impostor's with the operator's key id.
      const swappedKey = onPath("/v1/audit/public-key", (answer) =>
        JSON.stringify({ ...JSON.parse(answer), publicKeyHex: exportPublicKey(impostor).publicKeyHex }),
      );
      expect(await withLie(swappedKey, alarm)).toEqual(["key-mismatch", null]);
    });

    it("remembers the heads it saw and raises the alarm, with both heads to download, on a head inconsistent with one", async () => {
      await onFreshPage(e2e.browser, openCheck, async (page) => {
        await page.getByTestId("head-verified").waitFor();
        const seenText = await checkpointText();
        const first = await latestHead();
        expect(await page.getByTestId("head-comparison").getAttribute("data-kind")).toBe("first");

        // The ledger grows: one more event, and the projector signs a larger head.
        const donor = { donorId: "audit-check-trust", name: "Audit check trust", kind: "foundation" };
        const registered = await fetch(`${e2e.ledger.ingest.url}/v1/donors`, {
          method: "POST",
          headers: { authorization: `Bearer ${e2e.ledger.keys.admin}`, "content-type": "application/json" },
          body: JSON.stringify(donor),
        });
        expect(registered.status).toBe(201);
        await everythingSigned();
        const grown = await latestHead();
        expect(grown.treeSize).toBeGreaterThan(first.treeSize);

        // A validly signed head of the grown size over another tree: the server's real consistency
        // proof from the kept head cannot lead to its root.
        const forkOfGrown = forkedCheckpoint(grown.treeSize, first.origin);
        proxy.rewrite = onPath("/v1/audit/checkpoint", () => forkOfGrown);
        await page.getByTestId("check-again").click();
        await page.getByTestId("head-alarm").waitFor();
        expect(await page.getByTestId("head-alarm").getAttribute("data-kind")).toBe("inconsistent");
        expect(await page.getByTestId("head-alarm").getAttribute("role")).toBe("alert");
        const seenDownload = page.waitForEvent("download");
        await page.getByTestId("download-seen-head").click();
        expect(await downloaded(seenDownload)).toBe(seenText);
        const servedDownload = page.waitForEvent("download");
        await page.getByTestId("download-served-head").click();
        expect(await downloaded(servedDownload)).toBe(forkOfGrown);
        await screenshot(page, "auditor-check-alarm-en-desktop");

        // Another root for the very size the browser kept. The alarm on the page is still the last
        // one, of the same kind, so wait for this check's own checkpoint: a check left running while
        // the test serves the honest head again would keep that head, and the last step see "same".
        proxy.rewrite = onPath("/v1/audit/checkpoint", () => forkedCheckpoint(first.treeSize, first.origin));
        const forkServed = page.waitForResponse((response) => response.url().includes("/v1/audit/checkpoint"));
        await page.getByTestId("check-again").click();
        await forkServed;
        await expect.poll(() => page.getByTestId("head-alarm").getAttribute("data-kind")).toBe("inconsistent");

        // Another key altogether, handed out with its own id and signing the real head: this browser
        // trusts the operator's key it met first, so it stops and asks rather than follow.
        const impostor = signingKeyFromPem(generateSigningKeyPem());
        const impostorHead = signHead({ treeSize: grown.treeSize, rootHash: grown.rootHash }, impostor, grown.origin);
        proxy.rewrite = (path, body) =>
          path.startsWith("/v1/audit/public-key")
            ? JSON.stringify({ ...JSON.parse(body), ...exportPublicKey(impostor) })
            : path.startsWith("/v1/audit/checkpoint")
              ? formatCheckpoint(impostorHead, impostor.publicKey)
              : undefined;
        await page.getByTestId("check-again").click();
        await expect.poll(() => page.getByTestId("head-alarm").getAttribute("data-kind")).toBe("key-changed");

        // Honest again: the real grown head extends the kept one, and is kept in turn; the forks never were.
        proxy.rewrite = undefined;
        await page.getByTestId("check-again").click();
        await page.getByTestId("head-verified").waitFor();
        expect(await page.getByTestId("head-comparison").getAttribute("data-kind")).toBe("extends");
        expect(await text(page, "head-root")).toBe(grown.rootHash);
        const rows = await page.getByTestId("table-seen-heads").locator("tbody tr").count();
        expect(rows).toBe(2);
        // A reload finds them in IndexedDB, and the same head again.
        await page.reload();
        await page.getByTestId("head-verified").waitFor();
        expect(await page.getByTestId("head-comparison").getAttribute("data-kind")).toBe("same");
      });
    }, 120_000);

    it("has no serious or critical accessibility finding, in each language, and writes the screenshots", async () => {
      const axe = axeFindings();
      await inEachLayout(e2e.browser, openCheck, async (page, language, size) => {
        await page.getByTestId("head-verified").waitFor();
        await pickLanguage(page, language);
        expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(LOCALES[language].auditor.check.title);
        await page.locator("#distribution-id").fill(distributionId);
        await page.getByTestId("prove").click();
        await page.getByTestId("inclusion-verified").waitFor();
        await axe.check(page, size, `check ${language}`);
        await screenshot(page, `auditor-check-${language}-${size}`);
        await page.getByTestId("check-again").click();
      });
      const alarmed = await withLie(
        onPath("/v1/audit/proofs/inclusion", (body) =>
          body.replace(/"inclusionProof":\["[0-9a-f]/, '"inclusionProof":["x'),
        ),
        async (page) => {
          await prove(page, distributionId);
          await page.getByTestId("inclusion-failed").waitFor();
          return seriousAxeViolations(page);
        },
      );
      axe.all.push(...alarmed.map((v) => `proof alarm: ${v}`));
      expect(axe.all).toEqual([]);
    }, 180_000);

    it("keeps the check from a CBO key: the proofs are the auditor's", async () => {
      const context = await newContext(e2e.browser);
      const page = await context.newPage();
      await signIn(page, e2e.ledger.web.url, e2e.ledger.keys.cbo);
      await page.getByTestId("headline").waitFor();
      expect(await page.getByRole("link", { name: en.auditor.nav.check }).count()).toBe(0);
      const status = await page.evaluate<number, string>(
        (path) => fetch(path).then((r) => r.status),
        `/api/query/v1/audit/proofs/inclusion?distributionId=${distributionId}`,
      );
      expect(status).toBe(403);
      await context.close();
    });
  },
);

interface ApiFlag {
  flagId: string;
  service: string;
  distributedOn: string;
  cboId: string;
  cboIds: string[];
  earlierCount: number;
  status: "open" | "resolved";
  resolution: { verdict: string; note: string } | null;
}
interface Outcomes {
  months: { month: string; open: number; confirmed: number; dismissed: number }[];
}

/** Every flag the API gives for a query string, all pages read. */
async function allFlags(filter: string): Promise<ApiFlag[]> {
  const found: ApiFlag[] = [];
  let cursor = "";
  do {
    const page = await api<{ flags: ApiFlag[]; nextCursor: string | null }>(
      `/v1/flags?limit=1000&${filter}${cursor && `&cursor=${cursor}`}`,
      e2e.ledger.keys.auditor,
    );
    found.push(...page.flags);
    cursor = page.nextCursor ?? "";
  } while (cursor);
  return found;
}

/** The queue's list has loaded: a table, or the sentence that no flag matches. */
const listShown = (page: Page) => page.locator("[data-testid=table-flags], [data-testid=empty]").first().waitFor();

async function openQueue(context: BrowserContext): Promise<Page> {
  const page = await signedInAs(e2e.ledger.web.url, e2e.ledger.keys.auditor)(context);
  await page.getByRole("link", { name: en.auditor.nav.flags }).click();
  await listShown(page);
  return page;
}

const firstColumn = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).locator("tbody tr th").allInnerTexts()).map((t) => t.trim());

describe.runIf(e2e.haveChromium)("the auditor's flag queue", () => {
  it("filters and orders on the server, pages by cursor, and counts outcomes as the API does", async () => {
    const open = await allFlags("status=open");
    expect(open.length).toBeGreaterThan(5);
    await onFreshPage(e2e.browser, openQueue, async (page) => {
      expect(await firstColumn(page, "table-flags")).toEqual(open.slice(0, 25).map((f) => f.distributedOn));
      await page.getByTestId("page-size").selectOption("5");
      await expect.poll(() => firstColumn(page, "table-flags")).toEqual(open.slice(0, 5).map((f) => f.distributedOn));
      await page.getByTestId("next-page").click();
      await expect.poll(() => firstColumn(page, "table-flags")).toEqual(open.slice(5, 10).map((f) => f.distributedOn));
      await page.getByTestId("first-page").click();
      await expect.poll(() => firstColumn(page, "table-flags")).toEqual(open.slice(0, 5).map((f) => f.distributedOn));
      await page.getByTestId("page-size").selectOption("25");

      const { months } = await api<Outcomes>("/v1/flags/outcomes", e2e.ledger.keys.auditor);
      await page.getByTestId("figure-outcomes").getByTestId("toggle-table").click();
      const rows = await page.getByTestId("table-outcomes").locator("tbody tr").all();
      const cells = await Promise.all(rows.map(async (r) => (await r.locator("td").allInnerTexts()).map(Number)));
      expect(cells).toEqual(months.map((m) => [m.open, m.confirmed, m.dismissed]));

      const target = open[0]!;
      const month = target.distributedOn.slice(0, 7);
      const filtered = await allFlags(`status=open&service=${target.service}&month=${month}&order=newest`);
      await page.getByTestId("filter-service").selectOption(target.service);
      await page.getByTestId("filter-month").fill(month);
      await page.getByTestId("filter-order").selectOption("newest");
      await expect
        .poll(() =>
          page.locator("[data-testid=table-flags] tbody tr a").evaluateAll((a) => a.map((e) => e.getAttribute("href"))),
        )
        .toEqual(filtered.slice(0, 25).map((f) => `/audit/flags/${f.flagId}`));
      const several = (await allFlags("status=open&minCbos=2")).length;
      await page.getByTestId("filter-service").selectOption("");
      await page.getByTestId("filter-month").fill("");
      await page.getByTestId("filter-min-cbos").selectOption("2");
      await expect
        .poll(async () =>
          several === 0
            ? page.getByTestId("empty").count()
            : page.locator("[data-testid=table-flags] tbody tr").count(),
        )
        .toBe(several === 0 ? 1 : Math.min(several, 25));
    });
  }, 60_000);

  it("opens a flag to its pseudonymous history and policy, and resolves it; the API shows the same state", async () => {
    const [flag] = await allFlags("status=open&order=newest");
    await onFreshPage(e2e.browser, openQueue, async (page) => {
      await page.getByTestId("filter-order").selectOption("newest");
      await page.locator(`a[href="/audit/flags/${flag!.flagId}"]`).first().click();
      await page.getByTestId("flag-policy").waitFor();
      expect(await page.getByTestId("table-history").locator("tbody tr").count()).toBe(flag!.earlierCount);
      // Refused without an outcome and a note, and nothing recorded.
      await page.getByTestId("resolve").click();
      expect(await text(page, "resolve-problem")).toBe(en.auditor.flags.resolve.missing);
      await page.getByTestId("one-verdict-dismissed").check();
      await page.getByTestId("one-note").fill("Kit lost in the rain and replaced");
      await page.getByTestId("resolve").click();
      await page.getByTestId("flag-resolved").waitFor();
      expect(await page.getByTestId("flag-resolved").getAttribute("data-verdict")).toBe("dismissed");
      const stored = await api<ApiFlag>(`/v1/flags/${flag!.flagId}`, e2e.ledger.keys.auditor);
      expect([stored.status, stored.resolution?.verdict, stored.resolution?.note]).toEqual([
        "resolved",
        "dismissed",
        "Kit lost in the rain and replaced",
      ]);
      await screenshot(page, "auditor-flag-en-desktop");
    });
  }, 60_000);

  it("bulk-resolves a filtered set after one confirmation, one resolution event per flag", async () => {
    // The service and month with the most open flags: a set of several.
    const groups = new Map<string, number>();
    for (const f of await allFlags("status=open")) {
      const key = `${f.service} ${f.distributedOn.slice(0, 7)}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const [busiest, size] = [...groups].sort((a, b) => b[1] - a[1])[0]!;
    expect(size).toBeGreaterThan(1);
    const [service, month] = busiest.split(" ") as [string, string];
    const filter = `status=open&service=${service}&month=${month}`;
    const before = await allFlags(filter);
    const context = await newContext(e2e.browser);
    const page = await openQueue(context);
    const posted: string[] = [];
    page.on("response", (response) => {
      if (response.request().method() === "POST" && response.url().includes("/resolution"))
        posted.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.getByTestId("filter-service").selectOption(service);
    await page.getByTestId("filter-month").fill(month);
    await page.getByTestId("bulk-verdict-confirmed").check();
    await page.getByTestId("bulk-note").fill("Same ration card used at two CBOs in one month");
    // Cancelling records nothing.
    await page.getByTestId("bulk-start").click();
    await page.getByTestId("bulk-confirm-no").click();
    await page.getByTestId("bulk-start").click();
    expect(await text(page, "bulk-confirm")).toContain(String(before.length));
    expect(posted).toEqual([]);
    await page.getByTestId("bulk-confirm-yes").click();
    await expect
      .poll(() => page.getByTestId("bulk-progress").getAttribute("data-step"), { timeout: 60_000 })
      .toBe("done");
    expect(posted.sort()).toEqual(before.map((f) => `201 /api/ingest/v1/flags/${f.flagId}/resolution`).sort());
    // Every resolution was acknowledged (201); the query side shows them once the projector has
    // applied them, so the test asks until it does.
    const states = async () =>
      (await Promise.all(before.map((f) => api<ApiFlag>(`/v1/flags/${f.flagId}`, e2e.ledger.keys.auditor)))).map(
        (f) => [f.status, f.resolution?.verdict],
      );
    await expect.poll(states, { timeout: 30_000 }).toEqual(before.map(() => ["resolved", "confirmed"]));
    expect(await allFlags(filter)).toEqual([]);
    await context.close();
  }, 120_000);

  it("keeps a CBO key out of the queue: the page says so and the resolution route refuses it", async () => {
    const [flag] = await allFlags("");
    const context = await newContext(e2e.browser);
    const page = await context.newPage();
    await signIn(page, e2e.ledger.web.url, e2e.ledger.keys.cbo);
    await page.getByTestId("headline").waitFor();
    expect(await page.getByRole("link", { name: en.auditor.nav.flags }).count()).toBe(0);
    await page.goto(`${e2e.ledger.web.url}/audit/flags`);
    expect(await page.getByTestId("failure").getAttribute("data-status")).toBe("403");
    const status = await page.evaluate<number, string>(
      (path) =>
        fetch(path, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ verdict: "dismissed", note: "not mine to decide" }),
        }).then((r) => r.status),
      `/api/ingest/v1/flags/${flag!.flagId}/resolution`,
    );
    expect(status).toBe(403);
    expect(await api<ApiFlag>(`/v1/flags/${flag!.flagId}`, e2e.ledger.keys.auditor)).toEqual(flag);
    await context.close();
  }, 60_000);

  it("has no serious or critical accessibility finding on the queue and a flag, in each language", async () => {
    const [flag] = await allFlags("");
    const axe = axeFindings();
    await inEachLayout(e2e.browser, openQueue, async (page, language, size) => {
      await page.goto(`${e2e.ledger.web.url}/audit/flags`);
      await listShown(page);
      await pickLanguage(page, language);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe(LOCALES[language].auditor.flags.title);
      await axe.check(page, size, `queue ${language}`);
      await screenshot(page, `auditor-flags-${language}-${size}`);
      await page.goto(`${e2e.ledger.web.url}/audit/flags/${flag!.flagId}`);
      await page.getByTestId("flag-policy").waitFor();
      await axe.check(page, size, `flag ${language}`);
    });
    expect(axe.all).toEqual([]);
  }, 180_000);
});
