import { describe, expect, it } from "vitest";
import { EXAMPLE_METADATA } from "../testing/events.testkit.js";
import { parseEventMetadata } from "./catalogue.js";
import { PrincipalSchema, ROLES, ROLE_SCOPES } from "./metadata.js";

const paths = (metadata: unknown): string[] => {
  const result = parseEventMetadata(metadata);
  return result.ok ? [] : result.errors.map((error) => error.path);
};

describe("event metadata", () => {
  it("accepts each role with its scope", () => {
    expect(parseEventMetadata(EXAMPLE_METADATA)).toEqual({ ok: true, value: EXAMPLE_METADATA });
    for (const principal of [
      { role: "admin", keyId: "k-admin" },
      { role: "auditor", keyId: "k-audit" },
      { role: "donor", keyId: "k-donor", donorId: "azim-premji-fdn" },
      { role: "system", keyId: "ed25519-21fe31dfa154a261" },
    ]) {
      expect(paths({ ...EXAMPLE_METADATA, principal })).toEqual([]);
    }
  });

  it.each([
    ["a cbo principal without its cboId", { principal: { role: "cbo", keyId: "k" } }, "principal.cboId"],
    ["an admin with a cboId", { principal: { role: "admin", keyId: "k", cboId: "sangama-blr" } }, "principal"],
    ["an unknown role", { principal: { role: "member", keyId: "k" } }, "principal.role"],
    [
      "a system principal with a scope",
      { principal: { role: "system", keyId: "k", cboId: "sangama-blr" } },
      "principal",
    ],
    ["a local time", { recordedAt: "2025-01-15T15:00:00+05:30" }, "recordedAt"],
    ["a date without time", { recordedAt: "2025-01-15" }, "recordedAt"],
    ["another schema version", { schemaVersion: 2 }, "schemaVersion"],
    ["a missing correlation id", { correlationId: undefined }, "correlationId"],
    ["an extra field", { ip: "10.0.0.1" }, ""],
  ])("rejects %s", (_label, change, path) => {
    expect(paths({ ...EXAMPLE_METADATA, ...change })).toContain(path);
  });
});

describe("the system principal", () => {
  it("is for events only: no API key's role, so no request can claim it", () => {
    expect(ROLES).not.toContain("system");
    expect(PrincipalSchema.safeParse({ role: "system", keyId: "k" }).success).toBe(false);
  });
});

describe("roles", () => {
  it("are listed once, each with the fields that scope its keys", () => {
    expect(ROLES).toEqual(["admin", "cbo", "donor", "auditor", "witness"]);
    expect(ROLE_SCOPES).toEqual({ admin: [], cbo: ["cboId"], donor: ["donorId"], auditor: [], witness: [] });
    for (const role of ROLES) {
      const scope = Object.fromEntries(ROLE_SCOPES[role].map((field) => [field, "sangama-blr"]));
      expect(PrincipalSchema.safeParse({ role, keyId: "k", ...scope }).success, role).toBe(true);
    }
  });
});
