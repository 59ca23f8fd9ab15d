import { describe, expect, it } from "vitest";
import { PHONE_REASONS, normalizePhone } from "./phone.js";

describe("normalizePhone", () => {
  it.each([
    ["9876543210", "9876543210"],
    ["98765 43210", "9876543210"],
    ["98765-43210", "9876543210"],
    ["+91 98765 43210", "9876543210"],
    ["+91-98765-43210", "9876543210"],
    ["+919876543210", "9876543210"],
    ["919876543210", "9876543210"],
    ["0091 98765 43210", "9876543210"],
    ["09876543210", "9876543210"],
    ["+91 (0) 98765.43210", "9876543210"],
    ["7012345678", "7012345678"],
    ["6000000000", "6000000000"],
    // Ten digits that merely begin with 91 are a number, not a country code.
    ["9198765432", "9198765432"],
    // docs/rules.md's rule is the contract: ten digits from 6-9 once +91 or 0 is removed. A landline
    // whose STD code starts with 6-8 passes it, in every way of writing it, so one number always
    // gets one pseudonym (a library's landline check would refuse some spellings and not others).
    ["080 2345 6789", "8023456789"],
    ["+91 80 4123 4567", "8041234567"],
    ["80 4123 4567", "8041234567"],
  ])("accepts %j as %s", (raw, normalized) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, normalized });
  });

  it.each([
    ["011 2345 6789", PHONE_REASONS.mobile], // Delhi landline: starts with 1
    ["1800 123 4567", PHONE_REASONS.mobile], // toll free
    ["5876543210", PHONE_REASONS.mobile],
    ["98765 4321", PHONE_REASONS.mobile],
    ["98765432101", PHONE_REASONS.mobile],
    ["+1 415 555 0100", PHONE_REASONS.foreign],
    ["+44 7700 900123", PHONE_REASONS.foreign],
    ["98765ABCDE", PHONE_REASONS.characters],
    ["98765 43210 ext 1", PHONE_REASONS.characters],
    ["9876+543210", PHONE_REASONS.characters],
    ["", PHONE_REASONS.empty],
    [9876543210, PHONE_REASONS.notText],
  ])("rejects %j: %s", (raw, reason) => {
    expect(normalizePhone(raw)).toMatchObject({ ok: false, reason });
  });
});
