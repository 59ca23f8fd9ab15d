import { randomUUID } from "node:crypto";
import { verhoeffCheckDigit, type Role } from "@relief-ledger/domain";

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

/** A tiny coalition through the real API: one CBO, one donor, a fund and a month of kits. */
export async function loadDemoCoalition(base: string, tokens: Record<Role, string>): Promise<void> {
  await post(base, tokens.admin, "/v1/cbos", {
    cboId: "ashodaya-samithi",
    name: "Ashodaya Samithi",
    state: "IN-KA",
    district: "Mysuru",
  });
  await post(base, tokens.admin, "/v1/donors", { donorId: "azim-trust", name: "A Trust", kind: "trust" });
  const fundId = randomUUID();
  await post(base, tokens.admin, "/v1/funds", {
    fundId,
    donorId: "azim-trust",
    cboId: "ashodaya-samithi",
    amountPaise: 50_000_00,
    receivedOn: "2021-04-20",
    restrictedTo: ["grocery_kit"],
  });
  const distributions = Array.from({ length: 40 }, (_, i) => ({
    distributionId: randomUUID(),
    service: i % 4 === 0 ? "art_medicine" : "grocery_kit",
    beneficiaryRefs: [{ type: "aadhaar", value: aadhaar(i) }],
    quantity: 1,
    valuePaise: i % 4 === 0 ? 0 : 1_500_00,
    funding: i % 4 === 0 ? { kind: "scheme", scheme: "NACO ART" } : { kind: "fund", fundId },
    distributedOn: `2021-05-${String(1 + (i % 28)).padStart(2, "0")}`,
  }));
  await post(base, tokens.cbo, "/v1/submissions", {
    submissionId: randomUUID(),
    cboId: "ashodaya-samithi",
    distributions,
  });
}
