import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { cosign, witnessVkey } from "@relief-ledger/audit";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { buildQueryApp, followReadModel, openCosignatures } from "@relief-ledger/query";
import { byFund, cbo, distribution, donor, fund } from "@relief-ledger/projections/testing";
import type { Statement } from "@relief-ledger/statement";
import { FUND_1, openSignedLedger, type SignedLedger } from "@relief-ledger/statement/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ledger } from "../testing/capture.testkit.js";

const WITNESS = "auditor.example/witness";
const witnessPrivate = generateKeyPairSync("ed25519").privateKey;
const keys = {
  donor: createApiKey({ role: "donor", donorId: "azim-trust" }),
  witness: createApiKey({ role: "witness", witnessKey: witnessVkey({ name: WITNESS, publicKey: witnessPrivate }) }),
};
let signed: SignedLedger;
let other: SignedLedger;
let app: Awaited<ReturnType<typeof buildQueryApp>>;
let env: Record<string, string>;
let files = 0;

const file = (name: string) => signed.dir.file(`${++files}-${name}`);
const fetchStatement = async (...flags: string[]) => {
  const out = file("statement.json");
  const result = await ledger(["statement", "--donor", "azim-trust", "--out", out, ...flags], env);
  return { ...result, out };
};
/** `ledger statement --check`, against a ledger's store and a public key (the signed one's by default). */
const checkAgainst = (
  statementFile: string,
  { storeFile, publicKeyFile }: { storeFile: string; publicKeyFile: string },
  ...flags: string[]
) =>
  ledger([
    "statement",
    "--check",
    statementFile,
    "--store",
    `sqlite:${storeFile}`,
    "--public-key",
    publicKeyFile,
    ...flags,
  ]);
const check = (statementFile: string, ...flags: string[]) => checkAgainst(statementFile, signed, ...flags);
/** The statement with one change made to it, as a new file. */
const altered = (statementFile: string, change: (statement: Statement) => void): string => {
  const statement = JSON.parse(readFileSync(statementFile, "utf8")) as Statement;
  change(statement);
  const out = file("altered.json");
  writeFileSync(out, JSON.stringify(statement));
  return out;
};

beforeAll(async () => {
  signed = await openSignedLedger();
  await signed.sign();
  // Another ledger, signed by the same kind of key but holding other events.
  other = await openSignedLedger([
    cbo("sangama-blr"),
    donor("azim-trust"),
    fund({ fund: 1, cboId: "sangama-blr", amountPaise: 100_000, receivedOn: "2021-04-20" }),
  ]);
  await other.sign();
  app = await buildQueryApp({
    readModel: followReadModel(signed.readModelFile, 0),
    keyring: staticKeyring(Object.values(keys).map((k) => k.record)),
    cosignatures: openCosignatures(signed.dir.file("cosignatures.db")),
    logger: false,
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  env = {
    LEDGER_API_KEY: keys.donor.token,
    LEDGER_QUERY_URL: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
  };
});
afterAll(async () => {
  await app.close();
  await signed.close();
  await other.close();
});

describe("ledger statement", () => {
  it("fetches the donor's statement, prints it and writes it as canonical JSON that checks against the ledger", async () => {
    const { code, stdout, stderr, out } = await fetchStatement();
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("Statement for Donor azim-trust (azim-trust)");
    expect(stdout).toContain("sangama-blr / grocery_kit: Rs 19500.00, 13 distribution(s)");
    expect(stdout).toContain("people reached: 20");
    const text = readFileSync(out, "utf8");
    const statement = JSON.parse(text) as Statement;
    expect(Object.keys(statement)).toEqual([...Object.keys(statement)].sort()); // RFC 8785 orders keys
    const checked = await check(out);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stdout).toContain(`OK: every figure of ${out} (2 fund(s), 4 line(s), the totals)`);
  });

  it("fails a statement altered by one rupee, naming the line, with exit 1", async () => {
    const { out } = await fetchStatement();
    const line = altered(out, (s) => {
      const kits = s.funds[0]!.lines.find((l) => l.service === "grocery_kit")!;
      kits.paise += 100;
    });
    const result = await check(line);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `MISMATCH fund ${FUND_1} / CBO sangama-blr / service grocery_kit: paise is Rs 19501.00 in the statement, Rs 19500.00 in the ledger`,
    );
    expect(result.stderr).toContain(`fund ${FUND_1} / CBO sangama-blr / service grocery_kit`);

    const received = altered(out, (s) => {
      s.funds[0]!.remainingPaise -= 100;
    });
    const fundResult = await check(received);
    expect(fundResult.code).toBe(1);
    expect(fundResult.stdout).toContain(
      `MISMATCH fund ${FUND_1}: remainingPaise is Rs 23899.00 in the statement, Rs 23900.00 in the ledger`,
    );

    const hidden = altered(out, (s) => {
      s.funds[1]!.persons = 1;
    });
    expect((await check(hidden)).stdout).toContain(
      `fund ${s2(out)}: persons is 1 in the statement, withheld in the ledger`,
    );
  });

  it("fails a forged signature, a key it does not trust, and a statement of another ledger", async () => {
    const { out } = await fetchStatement();
    const forged = altered(out, (s) => {
      const [body, signatures] = s.head.checkpoint.split("\n\n") as [string, string];
      const [dash, name, blob] = signatures.split(" ") as [string, string, string];
      const bytes = Buffer.from(blob.trim(), "base64");
      bytes[bytes.length - 1]! ^= 1;
      s.head.checkpoint = `${body}\n\n${dash} ${name} ${bytes.toString("base64")}\n`;
    });
    const result = await check(forged);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("signature does not verify");

    const wrongKey = await checkAgainst(out, { storeFile: signed.storeFile, publicKeyFile: other.publicKeyFile });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain("not signed by the public key given");

    const elsewhere = await checkAgainst(out, { storeFile: other.storeFile, publicKeyFile: signed.publicKeyFile });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toMatch(/fewer than the|do not give the signed root/);
  });

  it("checks a witness's cosignature with the witness key given, and fails a forged one", async () => {
    const first = await fetchStatement();
    const statement = JSON.parse(readFileSync(first.out, "utf8")) as Statement;
    const body = `${statement.head.checkpoint.split("\n\n")[0]}\n`;
    const posted = await app.inject({
      method: "POST",
      url: "/v1/audit/cosignatures",
      headers: { authorization: `Bearer ${keys.witness.token}` },
      payload: { checkpoint: statement.head.checkpoint + cosign(body, WITNESS, witnessPrivate, 1_700_000_000) },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const { out } = await fetchStatement();
    const vkey = file("witness.vkey");
    writeFileSync(vkey, `${witnessVkey({ name: WITNESS, publicKey: witnessPrivate })}\n`);
    const withWitness = await check(out, "--witness-key", vkey);
    expect(withWitness.code, withWitness.stderr).toBe(0);
    expect(withWitness.stdout).toContain(`Cosigned by: ${WITNESS} (cosigned 2023-11-14T22:13:20.000Z)`);
    expect((await check(out)).stdout).toContain(`Not checked (no --witness-key given): cosignatures of ${WITNESS}`);
    const impostor = file("impostor.vkey");
    writeFileSync(
      impostor,
      `${witnessVkey({ name: WITNESS, publicKey: generateKeyPairSync("ed25519").privateKey })}\n`,
    );
    const forged = await check(out, "--witness-key", impostor);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain(`the cosignature of witness ${WITNESS} does not verify`);
  });

  it("says when no statement can be made yet (exit 3) and refuses bad commands (exit 2)", async () => {
    await signed.append([
      distribution({
        id: 700,
        cboId: "sangama-blr",
        on: "2021-06-21",
        people: [700],
        valuePaise: 150_000,
        funding: byFund(1),
        submission: 7,
      }),
    ]);
    const waiting = await fetchStatement();
    expect(waiting.code).toBe(3);
    expect(waiting.stderr).toContain("events were recorded after the last signed head");
    await signed.sign();
    expect((await fetchStatement()).code).toBe(0);
    expect((await ledger(["statement", "--check", "x.json"])).code).toBe(2);
    expect((await ledger(["statement", "--donor", "azim-trust", "--from", "2021-02-30"], env)).stderr).toContain(
      "--from must be",
    );
    const key = await ledger(["statement", "--donor", "azim-trust", "--key", "rlk_secret"], env);
    expect(key.code).toBe(2);
    expect(key.stderr).not.toContain("rlk_secret");
    const notStatement = file("not.json");
    writeFileSync(notStatement, JSON.stringify({ format: "something else" }));
    const refused = await check(notStatement);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is not a statement: format");
    // A file larger than any statement is refused before it is read.
    const huge = file("huge.json");
    writeFileSync(huge, " ".repeat(4 * 1024 * 1024 + 1));
    const tooBig = await check(huge);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain("larger than any statement");
  });
});

const s2 = (out: string) => (JSON.parse(readFileSync(out, "utf8")) as Statement).funds[1]!.fundId;
