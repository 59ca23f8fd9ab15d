import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CBO, distribution, uuid, type Harness } from "../testing/harness.testkit.js";
import { startSeededHarness } from "../testing/seeded.testkit.js";

let h: Harness;
beforeAll(async () => {
  ({ h } = await startSeededHarness());
});
afterAll(() => h.close());

const FIELDS = [
  "distributionId",
  "service",
  "beneficiaryRefs",
  "quantity",
  "valuePaise",
  "funding",
  "distributedOn",
  "district",
] as const;
// Values no field of a distribution accepts.
const junk = fc.oneof(
  fc.constant(null),
  fc.constant(-1),
  fc.double({ noInteger: true }),
  fc.constant([]),
  fc.constant({}),
  fc.boolean(),
  fc.string({ maxLength: 3 }).map((s) => `\u0000${s}`),
);

const expectRefusedNamingFields = (response: { status: number; body: { details?: { path: string }[] } }) => {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.body.details?.length).toBeGreaterThan(0);
  for (const detail of response.body.details ?? []) expect(detail.path.length).toBeGreaterThan(0);
};

describe("property: bad submissions are refused whole, naming fields", () => {
  it("any field of any record set to junk is a 4xx naming that record's field, and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.nat(),
        fc.constantFrom(...FIELDS),
        junk,
        fc.nat(),
        async (size, at, field, value, seedId) => {
          const index = at % size;
          const records = Array.from({ length: size }, (_, i) => distribution(seedId * 10 + i + 100));
          (records[index] as Record<string, unknown>)[field] = value;
          const head = await h.store.headPosition();
          const response = await h.call("cbo", "POST", "/v1/submissions", {
            submissionId: uuid(seedId + 1, "0190f5a2-9999-7000-8000"),
            cboId: CBO,
            distributions: records,
          });
          expectRefusedNamingFields(response);
          expect(
            response.body.details!.some((d: { path: string }) => d.path.startsWith(`distributions.${index}.${field}`)),
          ).toBe(true);
          expect(await h.store.headPosition()).toBe(head);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("an arbitrary JSON body is a 400 naming a field, and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.object(),
          fc.array(fc.anything()),
          fc.record({
            submissionId: fc.string(),
            cboId: fc.constant(CBO),
            distributions: fc.array(fc.object(), { maxLength: 3 }),
          }),
        ),
        async (body) => {
          const head = await h.store.headPosition();
          const response = await h.call("cbo", "POST", "/v1/submissions", body);
          expect(response.status).toBe(400);
          expect(await h.store.headPosition()).toBe(head);
        },
      ),
      { numRuns: 80 },
    );
  });
});
