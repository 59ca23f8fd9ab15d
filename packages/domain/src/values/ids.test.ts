import { v1, v4, v7 } from "uuid";
import { describe, expect, it } from "vitest";
import { CboIdSchema, CorrelationIdSchema, DistributionIdSchema, KeyIdSchema } from "./ids.js";

const accepts = (schema: { safeParse: (v: unknown) => { success: boolean } }, value: unknown) =>
  schema.safeParse(value).success;

describe("slugs", () => {
  it.each(["sangama-blr", "abc", "0ab", "a".repeat(64), "vamp-2"])("accepts %j", (slug) => {
    expect(accepts(CboIdSchema, slug)).toBe(true);
  });

  it.each(["ab", "-abc", "Sangama", "sangama_blr", "a".repeat(65), "sangama blr", "", 12345])("rejects %j", (slug) => {
    expect(accepts(CboIdSchema, slug)).toBe(false);
  });
});

describe("UUID ids", () => {
  it("accepts v1, v4 and v7 as generated", () => {
    expect([v1(), v4(), v7()].map((id) => accepts(DistributionIdSchema, id))).toEqual([true, true, true]);
  });

  it.each([
    ["uppercase", v7().toUpperCase()],
    ["nil", "00000000-0000-0000-0000-000000000000"],
    ["no hyphens", v4().replace(/-/g, "")],
    ["braced", `{${v4()}}`],
    ["wrong variant", "018f3c1e-7b2a-7c3d-0e4f-0123456789ab"],
  ])("rejects %s", (_label, id) => {
    expect(accepts(DistributionIdSchema, id)).toBe(false);
  });
});

describe("key and correlation ids", () => {
  it("accept short names and refuse spaces or a leading symbol", () => {
    expect(accepts(KeyIdSchema, "pk-2025.01:a_b")).toBe(true);
    expect(accepts(KeyIdSchema, "-pk")).toBe(false);
    expect(accepts(KeyIdSchema, "pk 1")).toBe(false);
    expect(accepts(CorrelationIdSchema, "req-1")).toBe(true);
    expect(accepts(CorrelationIdSchema, "r".repeat(129))).toBe(false);
  });
});
