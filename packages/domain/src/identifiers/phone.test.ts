import { describe, expect, it } from "vitest";
import { eachSpelling } from "../testing/identities.testkit.js";
import { PHONE_REASONS, normalizePhone } from "./phone.js";

describe("normalizePhone", () => {
  it.each(
    eachSpelling([
      [
        "9876543210",
        [
          ...["9876543210", "98765 43210", "98765-43210", "+91 98765 43210", "+91-98765-43210", "+919876543210"],
          ...["919876543210", "0091 98765 43210", "09876543210", "+91 (0) 98765.43210"],
        ],
      ],
      ["7012345678", ["7012345678"]],
      ["6000000000", ["6000000000"]],
      // Ten digits that merely begin with 91 are a number, not a country code.
      ["9198765432", ["9198765432"]],
      // docs/rules.md's rule is the contract: ten digits from 6-9 once +91 or 0 is removed. A landline
      // whose STD code starts with 6-8 passes it, in every way of writing it, so one number always
      // gets one pseudonym (a library's landline check would refuse some spellings and not others).
      ["8023456789", ["080 2345 6789"]],
      ["8041234567", ["+91 80 4123 4567", "80 4123 4567"]],
    ]),
  )("accepts %j as %s", (raw, normalized) => {
    expect(normalizePhone(raw)).toEqual({ ok: true, normalized });
  });

  it.each(
    eachSpelling([
      // A Delhi landline (starts with 1), a toll-free number, and numbers of the wrong length.
      [PHONE_REASONS.mobile, ["011 2345 6789", "1800 123 4567", "5876543210", "98765 4321", "98765432101"]],
      [PHONE_REASONS.foreign, ["+1 415 555 0100", "+44 7700 900123"]],
      [PHONE_REASONS.characters, ["98765ABCDE", "98765 43210 ext 1", "9876+543210"]],
      [PHONE_REASONS.empty, [""]],
      [PHONE_REASONS.notText, [9876543210]],
    ]),
  )("rejects %j: %s", (raw, reason) => {
    expect(normalizePhone(raw)).toMatchObject({ ok: false, reason });
  });
});
