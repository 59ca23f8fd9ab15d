import { verhoeffCheckDigit, type Role } from "@relief-ledger/domain";
import type { DemoCoalition } from "./demo-coalition.js";
import { revokeKeysOf } from "../demo-data/index.js";
import { addKey } from "./keys.js";

const post = async (base: string, token: string, path: string, body: unknown) => {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`demo load: ${path} answered ${response.status}`);
};

const aadhaar = (n: number) => {
  const body = String(30_000_000_000 + n);
  return body + verhoeffCheckDigit(body);
};

const CBO_ID = "ashodaya-samithi";
const DONOR_ID = "azim-trust";
// Fixed ids, so loading again after an interrupted start is a replay that stores nothing.
const demoId = (n: number) => `d0e00000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const FUND_ID = demoId(0);
const SUBMISSION_ID = demoId(1);
const distributionId = (i: number) => demoId(100 + i);

/** A tiny coalition through the real API: one CBO, one donor, a fund and a month of kits. */
export async function loadDemoCoalition(base: string, tokens: Pick<Record<Role, string>, "admin" | "cbo">) {
  await post(base, tokens.admin, "/v1/cbos", {
    cboId: CBO_ID,
    name: "Ashodaya Samithi",
    state: "IN-KA",
    district: "Mysuru",
  });
  await post(base, tokens.admin, "/v1/donors", { donorId: DONOR_ID, name: "A Trust", kind: "trust" });
  await post(base, tokens.admin, "/v1/funds", {
    fundId: FUND_ID,
    donorId: DONOR_ID,
    cboId: CBO_ID,
    amountPaise: 50_000_00,
    receivedOn: "2021-04-20",
    restrictedTo: ["grocery_kit"],
  });
  const distributions = Array.from({ length: 40 }, (_, i) => ({
    distributionId: distributionId(i),
    service: i % 4 === 0 ? "art_medicine" : "grocery_kit",
    beneficiaryRefs: [{ type: "aadhaar", value: aadhaar(i) }],
    quantity: 1,
    valuePaise: i % 4 === 0 ? 0 : 1_500_00,
    funding: i % 4 === 0 ? { kind: "scheme", scheme: "NACO ART" } : { kind: "fund", fundId: FUND_ID },
    distributedOn: `2021-05-${String(1 + (i % 28)).padStart(2, "0")}`,
  }));
  await post(base, tokens.cbo, "/v1/submissions", {
    submissionId: SUBMISSION_ID,
    cboId: CBO_ID,
    distributions,
  });
}

/** The small demo; its loader's own admin and cbo keys go into the keys file now, before the services read it. */
export function smallDemo(keysFile: string): DemoCoalition {
  const tokens = { admin: addKey(keysFile, { role: "admin" }), cbo: addKey(keysFile, { role: "cbo", cboId: CBO_ID }) };
  return {
    cboId: CBO_ID,
    donorId: DONOR_ID,
    load: (ingestUrl) => loadDemoCoalition(ingestUrl, tokens),
    loaderTokens: [tokens.admin, tokens.cbo],
  };
}

/**
 * Loads a demo coalition, then revokes its loader's keys whether the load finished or failed: a
 * resumed load makes new ones. The keys printed for the person trying the demo stay.
 */
export async function loadThenRevoke(demo: DemoCoalition, keysFile: string, ingestUrl: string): Promise<void> {
  try {
    await demo.load(ingestUrl);
  } finally {
    revokeKeysOf(keysFile, demo.loaderTokens);
  }
}
