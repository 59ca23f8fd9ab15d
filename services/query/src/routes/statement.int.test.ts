import {
  cosign,
  headFromCheckpoint,
  parsePublicKey,
  publicKeysById,
  verifyCosignature,
  parseSignedNote,
  parseWitnessVkey,
  witnessVkey,
} from "@relief-ledger/audit";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createApiKey } from "@relief-ledger/http";
import { distribution, byFund } from "@relief-ledger/projections/testing";
import { StatementSchema, checkStatementHead, type Statement } from "@relief-ledger/statement";
import { FUND_1, FUND_2, openSignedLedger, type SignedLedger } from "@relief-ledger/statement/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCosignatures } from "../audit/cosignatures.js";
import { startQueryHarness, type QueryHarness } from "../testing/index.testkit.js";

const WITNESS = "auditor.example/witness";
const witnessPrivate = generateKeyPairSync("ed25519").privateKey;
const witnessApiKey = createApiKey({
  role: "witness",
  witnessKey: witnessVkey({ name: WITNESS, publicKey: witnessPrivate }),
});
let ledger: SignedLedger;
let h: QueryHarness<{ witness: typeof witnessApiKey }>;

type Who = keyof typeof h.keys;
const get = (url: string, who: Who = "donor") => h.get(who, url);
const statementOf = async (query = "", who: Who = "donor"): Promise<Statement> => {
  const response = await get(`/v1/donors/azim-trust/statement${query}`, who);
  expect(response.statusCode, response.body).toBe(200);
  return StatementSchema.parse(response.json());
};

beforeAll(async () => {
  ledger = await openSignedLedger();
  await ledger.sign();
  h = await startQueryHarness({
    readModelFile: ledger.readModelFile,
    app: { cosignatures: openCosignatures(ledger.dir.file("cosignatures.db")) },
    moreKeys: { witness: witnessApiKey },
  });
});
afterAll(async () => {
  await h.close();
  await ledger.close();
});

describe("GET /v1/donors/:donorId/statement", () => {
  it("gives each fund's figures as the donor's attribution shows them, at the latest signed head", async () => {
    const statement = await statementOf();
    const attribution = (await get("/v1/donors/azim-trust/attribution")).json();
    const head = (await get("/v1/audit/head")).json();
    expect(statement.head).toMatchObject({
      treeSize: head.head.treeSize,
      rootHash: head.head.rootHash,
      keyId: head.head.keyId,
    });
    expect(statement.funds.map((f) => f.fundId)).toEqual([FUND_1, FUND_2]);
    for (const fund of statement.funds) {
      const shown = attribution.funds.find((f: { fundId: string }) => f.fundId === fund.fundId);
      const { receivedPaise, attributedPaise, remainingPaise, distributions, persons, suppressed } = shown;
      const figures = { receivedPaise, attributedPaise, remainingPaise, distributions, persons, suppressed };
      expect(fund, fund.fundId).toMatchObject({ ...figures, withheldPaise: shown.suppressedPaise });
    }
    // Fund 1: kits shown (6 + 7 people, ₹1,500 each); cash (5 people) withheld with the small ART cell.
    expect(statement.funds[0]!.lines).toEqual([
      { cboId: "sangama-blr", service: "art_medicine", paise: 0, distributions: 0, withheldCells: 1 },
      { cboId: "sangama-blr", service: "cash_benefit", paise: 0, distributions: 0, withheldCells: 1 },
      { cboId: "sangama-blr", service: "grocery_kit", paise: 1_950_000, distributions: 13, withheldCells: 0 },
    ]);
    expect(statement.funds[0]).toMatchObject({
      persons: 20,
      withheldPaise: 660_000,
      attributedPaise: 2_610_000,
      remainingPaise: 2_390_000,
    });
    // Fund 2: its one cell has one person, so its counts are withheld as well.
    expect(statement.funds[1]).toMatchObject({
      persons: null,
      distributions: null,
      suppressed: true,
      withheldPaise: 150_000,
    });
    expect(statement.totals).toEqual({
      funds: 2,
      receivedPaise: 5_250_000,
      attributedPaise: 2_760_000,
      remainingPaise: 2_490_000,
    });
  });

  it("publishes nothing the donor's attribution does not: each line is the sum of the cells it shows", async () => {
    const statement = await statementOf("", "auditor");
    const attribution = (await get("/v1/donors/azim-trust/attribution")).json();
    expect(statement.funds).toEqual((await statementOf()).funds); // an auditor gets the donor's view, too
    for (const fund of statement.funds) {
      const cells = attribution.funds.find((f: { fundId: string }) => f.fundId === fund.fundId).cells as {
        service: string;
        paise: number | null;
        distributions: number | null;
      }[];
      for (const line of fund.lines) {
        const mine = cells.filter((c) => c.service === line.service);
        expect(line.paise).toBe(mine.reduce((sum, c) => sum + (c.paise ?? 0), 0));
        expect(line.distributions).toBe(mine.reduce((sum, c) => sum + (c.distributions ?? 0), 0));
        expect(line.withheldCells).toBe(mine.filter((c) => c.paise === null).length);
      }
    }
  });

  it("carries a checkpoint the ledger's key verifies, and a witness's cosignature once posted", async () => {
    const statement = await statementOf();
    const keysById = publicKeysById([parsePublicKey(readFileSync(ledger.publicKeyFile, "utf8"))]);
    expect(headFromCheckpoint(statement.head.checkpoint, keysById)?.head.rootHash).toBe(statement.head.rootHash);
    expect(checkStatementHead(statement.head, keysById, []).problems).toEqual([]);
    const cosigned =
      statement.head.checkpoint +
      cosign(statement.head.checkpoint.split("\n\n")[0]! + "\n", WITNESS, witnessPrivate, 1_700_000_000);
    const posted = await h.app.inject({
      method: "POST",
      url: "/v1/audit/cosignatures",
      headers: { authorization: `Bearer ${witnessApiKey.token}` },
      payload: { checkpoint: cosigned },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const after = await statementOf();
    expect(after.head.cosignatures).toEqual([
      { witness: WITNESS, cosignedAt: new Date(1_700_000_000_000).toISOString() },
    ]);
    const witness = parseWitnessVkey(witnessVkey({ name: WITNESS, publicKey: witnessPrivate }));
    const note = parseSignedNote(after.head.checkpoint)!;
    expect(note.signatures.some((line) => verifyCosignature(note.body, line, witness) === 1_700_000_000)).toBe(true);
    expect(checkStatementHead(after.head, keysById, [witness]).witnessed).toHaveLength(1);
  });

  it("lists only the funds received within the period", async () => {
    expect((await statementOf("?from=2021-07-01")).funds.map((f) => f.fundId)).toEqual([FUND_2]);
    expect((await statementOf("?to=2021-07-01")).funds.map((f) => f.fundId)).toEqual([FUND_1]);
    const none = await statementOf("?from=2022-01-01&to=2022-12-31");
    expect(none.funds).toEqual([]);
    expect(none.totals).toEqual({ funds: 0, receivedPaise: 0, attributedPaise: 0, remainingPaise: 0 });
  });

  it("lets a donor read only its own statement; auditors and admins read any; CBOs none", async () => {
    expect((await get("/v1/donors/azim-trust/statement", "otherDonor")).statusCode).toBe(403);
    expect((await get("/v1/donors/azim-trust/statement", "cbo")).statusCode).toBe(403);
    expect((await get("/v1/donors/azim-trust/statement", "admin")).statusCode).toBe(200);
    expect((await h.get(undefined, "/v1/donors/azim-trust/statement")).statusCode).toBe(401);
    expect((await get("/v1/donors/nobody-trust/statement", "auditor")).statusCode).toBe(404);
  });

  it("refuses a bad period with a 400 naming the field, without echoing it", async () => {
    const bad = await get("/v1/donors/azim-trust/statement?from=2021-02-30");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("from");
    expect(bad.body).not.toContain("2021-02-30");
    const reversed = await get("/v1/donors/azim-trust/statement?from=2021-05-01&to=2021-04-01");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain("to");
  });

  it("answers 503 with Retry-After while events are unsigned, and at the new head once signed", async () => {
    const before = await statementOf();
    await ledger.append([
      distribution({
        id: 600,
        cboId: "sangama-blr",
        on: "2021-06-20",
        people: [600],
        valuePaise: 150_000,
        funding: byFund(1),
        submission: 6,
      }),
    ]);
    const waiting = await get("/v1/donors/azim-trust/statement");
    expect(waiting.statusCode).toBe(503);
    expect(waiting.headers["retry-after"]).toBe("30");
    expect(waiting.json().error).toBe("not_at_signed_head");
    const size = await ledger.sign();
    const after = await statementOf();
    expect(after.head.treeSize).toBe(size);
    expect(after.head.treeSize).toBeGreaterThan(before.head.treeSize);
    expect(after.funds[0]!.attributedPaise).toBe(before.funds[0]!.attributedPaise + 150_000);
  });
});
