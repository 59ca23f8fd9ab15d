import { normalizeIdentifier, type IdentifierType } from "@relief-ledger/domain";
import { describe, expect, it } from "vitest";
import { formatDocument, newDocument, type DocumentType } from "./identities.js";
import { Rng } from "./prng.js";

const TYPES: DocumentType[] = ["aadhaar", "phone", "voter_id", "ration_card"];

describe("made-up identity documents", () => {
  it("are valid under the ledger's rules and already normalised", () => {
    const rng = Rng.from(11);
    for (const type of TYPES) {
      for (let i = 0; i < 300; i++) {
        const value = newDocument(rng, type, "IN-KA");
        expect(normalizeIdentifier(type, value)).toEqual({ ok: true, normalized: value });
      }
    }
  });

  it("are written in many human ways that all normalise to the same value", () => {
    const rng = Rng.from(12);
    const samples: [IdentifierType, string][] = [
      ...TYPES.map((type) => [type, newDocument(rng, type, "IN-WB")] as [IdentifierType, string]),
      ["member_id", "JMS-00042"],
    ];
    for (const [type, value] of samples) {
      const forms = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const written = formatDocument(rng, type, value);
        forms.add(written);
        expect(normalizeIdentifier(type, written)).toEqual({ ok: true, normalized: value });
      }
      expect(forms.size).toBeGreaterThanOrEqual(3);
    }
  });

  it("makes only phones the ledger accepts however they are written, landline ranges excluded", () => {
    const rng = Rng.from(14);
    for (let i = 0; i < 2_000; i++) {
      const phone = newDocument(rng, "phone", "IN-KA");
      for (const written of [phone, `+91 ${phone}`, `0${phone}`, `0091${phone}`]) {
        expect(normalizeIdentifier("phone", written)).toEqual({ ok: true, normalized: phone });
      }
    }
  });

  it("writes phones the ways the API documents (+91 98450 12345, 098450-12345)", () => {
    const rng = Rng.from(13);
    const forms = new Set(Array.from({ length: 500 }, () => formatDocument(rng, "phone", "9845012345")));
    expect(forms).toContain("+91 98450 12345");
    expect(forms).toContain("098450-12345");
    expect(forms).toContain("9845012345");
  });
});
