import { describe, expect, it } from "vitest";
import { z } from "zod";
import { doc, OPENAPI_TAGS, publicDoc } from "./route-doc.js";

describe("doc: a route's OpenAPI schema from its tag, summary and schemas", () => {
  it("puts the tag in a list beside the summary and keeps the schemas as given", () => {
    const querystring = z.object({ format: z.enum(["json", "csv"]) });
    const response = { 200: z.object({ ok: z.boolean() }) };
    expect(doc("totals", "Coalition totals by service and month", { querystring, response })).toEqual({
      tags: ["totals"],
      summary: "Coalition totals by service and month",
      querystring,
      response,
    });
    expect(doc("session", "Sign out")).toEqual({ tags: ["session"], summary: "Sign out" });
  });

  it("accepts only a declared tag, so a typo cannot open a new group in the served OpenAPI", () => {
    expect(OPENAPI_TAGS).toContain("totals");
    // @ts-expect-error "total" is not a declared tag (tsc -b fails if this line ever compiles)
    expect(doc("total", "A typo").tags).toEqual(["total"]);
  });

  it("lifts the key requirement of a public route, and only of it", () => {
    const response = { 200: z.object({ treeSize: z.number() }) };
    expect(publicDoc("audit", "The latest signed tree head", { response })).toEqual({
      tags: ["audit"],
      summary: "The latest signed tree head",
      security: [],
      response,
    });
    expect(doc("audit", "The latest signed tree head", { response })).not.toHaveProperty("security");
  });
});
