import { createCboKeys, generateCoalition, loadCoalition, type Coalition } from "../demo-data/index.js";
import type { DemoCoalition } from "./demo-coalition.js";
import { addKey, LOADER_LABEL } from "./keys.js";
import { printLoadProgress } from "./load-progress.js";

/** demo-data's scale 1: the founding coalition, 107 CBOs and 1.2 lakh members. */
export const FULL_SCALE = 1;

/** The donor that gave the most, and the CBO that got most of it: the keys start prints show a lot. */
function showcase(coalition: Coalition): { cboId: string; donorId: string } {
  const given = new Map<string, number>();
  for (const fund of coalition.funds) given.set(fund.donorId, (given.get(fund.donorId) ?? 0) + fund.amountPaise);
  const donorId = [...given].sort((a, b) => b[1] - a[1])[0]![0];
  const largest = coalition.funds.filter((f) => f.donorId === donorId).sort((a, b) => b.amountPaise - a.amountPaise);
  return { donorId, cboId: largest[0]!.cboId };
}

/** The founding coalition, generated from demo-data's seed; loading it sends every batch through ingest. */
export function fullDemo(keysFile: string): DemoCoalition {
  const started = performance.now();
  const coalition = generateCoalition({ scale: FULL_SCALE });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Generated the founding coalition (demo-data seed ${coalition.seed}, scale ${FULL_SCALE}) in ${seconds}s`,
  );
  const cboIds = coalition.cbos.map((c) => c.registration.cboId);
  const adminKey = addKey(keysFile, { role: "admin" });
  const cboKeys = createCboKeys(keysFile, cboIds, LOADER_LABEL);
  return {
    ...showcase(coalition),
    loaderTokens: [adminKey, ...cboKeys.values()],
    async load(ingestUrl) {
      const target = { baseUrl: ingestUrl, adminKey, keyFor: (cboId: string) => cboKeys.get(cboId)! };
      const onProgress = printLoadProgress(coalition.expected.distributions, 10_000);
      const summary = await loadCoalition(target, coalition, { onProgress });
      if (summary.retries > 0) console.log(`  (${summary.retries} requests were retried)`);
    },
  };
}
