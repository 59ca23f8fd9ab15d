import { verifyHead } from "@relief-ledger/audit";
import { afterEach, describe, expect, it } from "vitest";
import { projectedTo, projectorHarness } from "./testing/harness.testkit.js";

let harness: ReturnType<typeof projectorHarness>;
afterEach(() => harness.close());

describe("the projector's signed heads", () => {
  it("signs a head once LEDGER_SIGN_EVERY_EVENTS events are unsigned, not before", async () => {
    harness = projectorHarness("ledger-projector-sign-count");
    const { store, key } = harness;
    await harness.appendOpaque(2);
    const projector = await harness.start({
      LEDGER_SIGNING_KEY: harness.dir.file("signing-key.pem"),
      LEDGER_SIGN_EVERY_EVENTS: "5",
      LEDGER_SIGN_EVERY_SECONDS: "86400",
    });
    await projector.live;
    await projector.signingSettled();
    expect(await harness.heads()).toEqual([]);

    await harness.appendOpaque(3, 1);
    await projectedTo(projector, 5);
    await projector.signingSettled();
    expect((await harness.heads()).map((head) => head.treeSize)).toEqual([5]);

    // The head is leaf 5 itself; it does not count towards the next one.
    await projectedTo(projector, 6);
    await harness.appendOpaque(4, 1);
    await projectedTo(projector, 10);
    await projector.signingSettled();
    expect(await harness.heads()).toHaveLength(1);
    await harness.appendOpaque(1);
    await projectedTo(projector, 11);
    await projector.signingSettled();

    const heads = await harness.heads();
    expect(heads.map((head) => head.treeSize)).toEqual([5, 11]);
    await projectedTo(projector, 12);
    for (const head of heads) expect(verifyHead(head, key.publicKey)).toBe(true);
    const [first] = await store.readStream("ledger-heads");
    expect(first?.metadata).toMatchObject({ principal: { role: "system", keyId: key.keyId } });
    const health = (await projector.app.inject("/health")).json();
    expect(health).toMatchObject({ signing: "on", keyId: key.keyId, indexSize: 12, unsignedEvents: 0 });
    expect((await projector.app.inject("/metrics")).body).toContain("ledger_projector_heads_signed_total 2");
  });

  it("signs what is unsigned every LEDGER_SIGN_EVERY_SECONDS, however few events", async () => {
    harness = projectorHarness("ledger-projector-sign-time");
    await harness.appendOpaque(3);
    const projector = await harness.start({
      LEDGER_SIGNING_KEY: harness.dir.file("signing-key.pem"),
      LEDGER_SIGN_EVERY_EVENTS: "1000",
      LEDGER_SIGN_EVERY_SECONDS: "0.05",
    });
    await expect.poll(() => harness.heads(), { timeout: 10_000 }).toHaveLength(1);
    expect((await harness.heads())[0]?.treeSize).toBe(3);
    // Nothing new but the head itself: the timer keeps finding nothing to sign.
    await projectedTo(projector, 4);
    await projector.signingSettled();
    expect(await harness.heads()).toHaveLength(1);
  });

  it("signs nothing without a key, and says so on /health", async () => {
    harness = projectorHarness("ledger-projector-sign-off");
    await harness.appendOpaque(3);
    const projector = await harness.start({ LEDGER_SIGN_EVERY_EVENTS: "1" });
    await projector.live;
    expect((await projector.app.inject("/health")).json()).toMatchObject({
      status: "ok",
      indexSize: 3,
      signing: "off: no LEDGER_SIGNING_KEY",
    });
    expect(await harness.heads()).toEqual([]);
  });
});
