import {
  checkConsistencyBundle,
  checkProofBundle,
  cosign,
  DEFAULT_LOG_ORIGIN,
  exportPublicKey,
  formatCheckpoint,
  generateSigningKeyPem,
  openAuditLog,
  signNextHead,
  signingKeyFromPem,
  verifyHead,
  witnessVkey,
  type AuditLog,
} from "@relief-ledger/audit";
import { generateKeyPairSync } from "node:crypto";
import { openSqliteEventStore, type EventStore } from "@relief-ledger/event-store";
import { createApiKey, staticKeyring } from "@relief-ledger/http";
import { openProjector, type Projector } from "@relief-ledger/projections";
import { appendEvents, cbo, distribution, donor, tempDir, uid } from "@relief-ledger/projections/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildQueryApp } from "../app.js";
import { openCosignatures } from "../audit/cosignatures.js";
import { lazyLogStore } from "../audit/log-store.js";
import { followReadModel } from "../read-model.js";

const dir = tempDir("ledger-query-audit");
const key = signingKeyFromPem(generateSigningKeyPem());
const witnessPrivate = generateKeyPairSync("ed25519").privateKey;
const WITNESS = "auditor.example/witness";
const keys = {
  auditor: createApiKey({ role: "auditor" }),
  donor: createApiKey({ role: "donor", donorId: "azim-trust" }),
  witness: createApiKey({ role: "witness", witnessKey: witnessVkey({ name: WITNESS, publicKey: witnessPrivate }) }),
};
const bearer = (who: keyof typeof keys) => ({ authorization: `Bearer ${keys[who].token}` });
let store: EventStore;
let projector: Projector;
let audit: AuditLog;
let app: Awaited<ReturnType<typeof buildQueryApp>>;
const signed: number[] = [];

const kits = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) =>
    distribution({ id: from + i, cboId: "sangama-blr", on: "2021-05-01", people: [from + i], submission: from }),
  );

/** Signs the index as it stands, then lets the projector record the head, as the service does. */
async function signHead(): Promise<void> {
  const result = await signNextHead({ store, index: audit.index, key });
  if (!result.signed) throw new Error(result.reason);
  signed.push(result.head.treeSize);
  await projector.runOnce();
}

beforeAll(async () => {
  store = openSqliteEventStore({ file: dir.file("events.db") });
  projector = openProjector({
    store,
    file: dir.file("read-models.db"),
    step: (db) => (audit = openAuditLog(db)).step,
  });
  audit.keys.recordInUse(key);
  await appendEvents(store, [cbo("sangama-blr"), donor("azim-trust"), ...kits(1, 6)]);
  await projector.runOnce();
  await signHead();
  await appendEvents(store, kits(100, 9));
  await projector.runOnce();
  await signHead();
  await appendEvents(store, kits(200, 2)); // an unsigned tail
  await projector.runOnce();
  app = await buildQueryApp({
    readModel: followReadModel(dir.file("read-models.db"), 0),
    logStore: lazyLogStore(`sqlite:${dir.file("events.db")}`),
    cosignatures: openCosignatures(dir.file("cosignatures.db")),
    keyring: staticKeyring([keys.auditor.record, keys.donor.record, keys.witness.record]),
    logger: false,
  });
});
afterAll(async () => {
  await app.close();
  await projector.close();
  await store.close();
  dir.remove();
});

const eventAt = async (leaf: number) => (await store.readAll({ after: BigInt(leaf), maxCount: 1 })).events[0]!;
const publicKeyPem = async () =>
  (await app.inject("/v1/audit/public-key")).json<{ publicKeyPem: string }>().publicKeyPem;

describe("GET /v1/audit/head and /v1/audit/public-key", () => {
  it("serve the latest signed head and the key it verifies under, to anyone", async () => {
    const response = await app.inject("/v1/audit/head");
    expect(response.statusCode).toBe(200);
    const { head, signedAt, checkpoint } = response.json();
    expect(head).toEqual({
      treeSize: signed[1],
      rootHash: audit.index.root(signed[1]).toString("hex"),
      keyId: key.keyId,
      signature: expect.stringMatching(/^[0-9a-f]{128}$/),
      origin: DEFAULT_LOG_ORIGIN,
    });
    // The same head as a C2SP checkpoint: origin, size, base64 root, and the note signature.
    const root64 = Buffer.from(head.rootHash, "hex").toString("base64");
    expect(checkpoint).toBe(formatCheckpoint(head, key.publicKey));
    expect(checkpoint).toMatch(
      new RegExp(
        `^${DEFAULT_LOG_ORIGIN}\n${signed[1]}\n${root64.replace(/[+/]/g, "\\$&")}\n\n\u2014 ${DEFAULT_LOG_ORIGIN} `,
      ),
    );
    const text = await app.inject("/v1/audit/checkpoint");
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
    expect(text.body).toBe(checkpoint);
    expect(signedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(verifyHead(head, key.publicKey)).toBe(true);
    expect((await app.inject("/v1/audit/public-key")).json()).toEqual(exportPublicKey(key));
    expect((await app.inject(`/v1/audit/public-key?keyId=${key.keyId}`)).statusCode).toBe(200);
    expect((await app.inject("/v1/audit/public-key?keyId=ed25519-0000000000000000")).statusCode).toBe(404);
  });
});

describe("POST /v1/audit/cosignatures", () => {
  const cosigned = async (by = witnessPrivate, name = WITNESS) => {
    const { checkpoint } = (await app.inject("/v1/audit/head")).json<{ checkpoint: string }>();
    // The note text and the operator's own line only, whatever was posted before.
    const body = checkpoint.slice(0, checkpoint.indexOf("\n\n") + 1);
    const operatorLine = checkpoint.slice(body.length + 1).split("\n")[0]!;
    return `${body}\n${operatorLine}\n${cosign(body, name, by, 1_764_115_200)}`;
  };
  const post = (checkpoint: string, who?: keyof typeof keys) =>
    app.inject({
      method: "POST",
      url: "/v1/audit/cosignatures",
      payload: { checkpoint },
      ...(who && { headers: bearer(who) }),
    });

  it("takes a witness's cosignature of a signed checkpoint and serves it with the head", async () => {
    const checkpoint = await cosigned();
    const response = await post(checkpoint, "witness");
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ witness: WITNESS, treeSize: signed[1], cosignedAt: "2025-11-26T00:00:00.000Z" });
    const head = (await app.inject("/v1/audit/head")).json<{
      checkpoint: string;
      cosignatures: { witness: string; line: string }[];
    }>();
    expect(head.cosignatures).toEqual([
      {
        witness: WITNESS,
        cosignedAt: "2025-11-26T00:00:00.000Z",
        line: expect.stringMatching(/^\u2014 auditor\.example\/witness /),
      },
    ]);
    expect(head.checkpoint).toBe(checkpoint);
    expect((await app.inject("/v1/audit/checkpoint")).body).toBe(checkpoint);
  });

  it("is for witness keys only: 401 without a key, 403 with another role, before the body is read", async () => {
    expect((await post("x")).statusCode).toBe(401);
    expect((await post("x", "auditor")).statusCode).toBe(403);
  });

  it("refuses a cosignature by another key, and a checkpoint the ledger did not sign, naming the field", async () => {
    const stranger = await cosigned(generateKeyPairSync("ed25519").privateKey);
    const byStranger = await post(stranger, "witness");
    expect(byStranger.statusCode).toBe(400);
    expect(byStranger.json()).toMatchObject({ details: [{ path: "body.checkpoint" }] });
    const forged = (await cosigned()).replace(/\n\d+\n/, "\n3\n");
    expect((await post(forged, "witness")).statusCode).toBe(409);
    expect((await post("not a note", "witness")).statusCode).toBe(400);
  });
});

describe("GET /v1/audit/proofs/inclusion?distributionId=", () => {
  it("proves the event that recorded a distribution, by the id on the receipt", async () => {
    const { events } = await store.readAll({ maxCount: 1_000 });
    const recorded = events.find(
      (event) => event.type === "DistributionRecorded" && event.data.distributionId === uid(103),
    )!;
    const url = `/v1/audit/proofs/inclusion?distributionId=${uid(103)}`;
    const response = await app.inject({ url, headers: bearer("auditor") });
    expect(response.statusCode).toBe(200);
    expect(checkProofBundle(response.json(), await publicKeyPem())).toMatchObject({ ok: true, eventId: recorded.id });
    const earlier = await app.inject({ url: `${url}&treeSize=${signed[0]}`, headers: bearer("auditor") });
    expect(earlier.statusCode).toBe(400);
    expect((await app.inject({ url, headers: bearer("donor") })).statusCode).toBe(403);
  });

  it("answers 404 for a distribution it does not have, and 400 naming the field for one that is no UUID", async () => {
    const missing = await app.inject({
      url: `/v1/audit/proofs/inclusion?distributionId=${uid(999_999)}`,
      headers: bearer("auditor"),
    });
    expect(missing.statusCode).toBe(404);
    const bad = await app.inject({
      url: "/v1/audit/proofs/inclusion?distributionId=receipt-7",
      headers: bearer("auditor"),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/distributionId/);
    expect(bad.body).not.toMatch(/receipt-7/);
  });
});

describe("GET /v1/audit/proofs/inclusion/:eventId", () => {
  it("gives a bundle that checks offline with nothing but the public key route's output", async () => {
    const pem = await publicKeyPem();
    for (const leaf of [0, 3, signed[0]!, signed[1]! - 1]) {
      const event = await eventAt(leaf);
      const response = await app.inject({ url: `/v1/audit/proofs/inclusion/${event.id}`, headers: bearer("auditor") });
      expect(response.statusCode, `leaf ${leaf}`).toBe(200);
      const check = checkProofBundle(JSON.parse(response.body), pem);
      expect(check).toMatchObject({ ok: true, eventId: event.id, leafIndex: leaf, treeSize: signed[1] });
    }
  });

  it("proves against an earlier signed head when treeSize names one", async () => {
    const event = await eventAt(2);
    const url = `/v1/audit/proofs/inclusion/${event.id}?treeSize=${signed[0]}`;
    const bundle = (await app.inject({ url, headers: bearer("auditor") })).json();
    expect(checkProofBundle(bundle, await publicKeyPem())).toMatchObject({ ok: true, treeSize: signed[0] });
    const otherKey = exportPublicKey(signingKeyFromPem(generateSigningKeyPem())).publicKeyPem;
    expect(checkProofBundle(bundle, otherKey).ok).toBe(false);
  });

  it.each([
    ["an unknown event", () => uid(999_999), "", 404, undefined],
    ["an event id that is no UUID", () => "not-an-id", "", 400, "params.eventId"],
    [
      "a treeSize beyond the index",
      () => eventAt(1).then((e) => e.id),
      "?treeSize=100000",
      400,
      "querystring.treeSize",
    ],
    [
      "a treeSize no head was signed at",
      () => eventAt(1).then((e) => e.id),
      "?treeSize=5",
      404,
      "querystring.treeSize",
    ],
    [
      "a treeSize that leaves the event out",
      () => eventAt(9).then((e) => e.id),
      `?treeSize=7`,
      400,
      "querystring.treeSize",
    ],
    ["a treeSize of zero", () => eventAt(1).then((e) => e.id), "?treeSize=0", 400, "querystring.treeSize"],
    ["an event no head covers yet", () => eventAt(signed[1]! + 1).then((e) => e.id), "", 409, undefined],
  ])("refuses %s", async (_label, id, query, status, path) => {
    const response = await app.inject({
      url: `/v1/audit/proofs/inclusion/${await id()}${query}`,
      headers: bearer("auditor"),
    });
    expect(response.statusCode).toBe(status);
    if (path !== undefined) expect(response.json().details).toContainEqual(expect.objectContaining({ path }));
  });

  it("is for auditors only", async () => {
    const url = `/v1/audit/proofs/inclusion/${(await eventAt(1)).id}`;
    expect((await app.inject(url)).statusCode).toBe(401);
    expect((await app.inject({ url, headers: bearer("donor") })).statusCode).toBe(403);
  });
});

describe("GET /v1/audit/proofs/consistency", () => {
  it("proves the latest signed tree extends an earlier one, checkable offline", async () => {
    const pem = await publicKeyPem();
    const latest = await app.inject({
      url: `/v1/audit/proofs/consistency?from=${signed[0]}`,
      headers: bearer("auditor"),
    });
    expect(checkConsistencyBundle(latest.json(), pem)).toEqual({
      ok: true,
      fromSize: signed[0],
      toSize: signed[1],
      fromRoot: audit.index.root(signed[0]).toString("hex"),
      toRoot: audit.index.root(signed[1]).toString("hex"),
    });
    const url = `/v1/audit/proofs/consistency?from=${signed[0]}&to=${signed[1]}`;
    expect((await app.inject({ url, headers: bearer("auditor") })).json()).toEqual(latest.json());
    // Hashes and heads only: public, so any witness can check growth without a key.
    expect((await app.inject({ url })).json()).toEqual(latest.json());
  });

  it.each([
    ["from after to", `from=${signed[1]}&to=8`, 400, "querystring.from"],
    ["an unsigned from", "from=3", 404, "querystring.from"],
    ["an unsigned to", "from=8&to=12", 404, "querystring.to"],
    ["a to beyond the index", "from=8&to=100000", 400, "querystring.to"],
    ["a missing from", "", 400, "querystring.from"],
  ])("refuses %s, naming the field", async (_label, query, status, path) => {
    const response = await app.inject({ url: `/v1/audit/proofs/consistency?${query}`, headers: bearer("auditor") });
    expect(response.statusCode).toBe(status);
    expect(response.json().details).toContainEqual(expect.objectContaining({ path }));
  });
});

describe("the audit routes before the projector has an index", () => {
  it("answer 503 on a read model without one, and 404 for a head before any is signed", async () => {
    const bare = openProjector({ store, file: dir.file("bare.db") });
    await bare.runOnce();
    await bare.close();
    const options = { keyring: staticKeyring([]), logger: false } as const;
    const old = await buildQueryApp({ ...options, readModel: followReadModel(dir.file("bare.db"), 0) });
    expect((await old.inject("/v1/audit/head")).statusCode).toBe(503);
    await old.close();

    const emptyStore = openSqliteEventStore({ file: dir.file("empty.db") });
    const fresh = openProjector({ store: emptyStore, file: dir.file("m.db"), step: (db) => openAuditLog(db).step });
    await fresh.runOnce();
    await fresh.close();
    await emptyStore.close();
    const empty = await buildQueryApp({ ...options, readModel: followReadModel(dir.file("m.db"), 0) });
    expect((await empty.inject("/v1/audit/head")).statusCode).toBe(404);
    expect((await empty.inject("/docs/json")).json().paths).toHaveProperty("/v1/audit/proofs/inclusion/{eventId}");
    await empty.close();
  });
});
