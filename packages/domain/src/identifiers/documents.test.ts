import { describe, expect, it } from "vitest";
import * as documents from "./documents.js";

const { MEMBER_ID_REASONS, RATION_CARD_REASONS, VOTER_ID_REASONS } = documents;
type Normalizer = "normalizeRationCard" | "normalizeVoterId" | "normalizeMemberId";

describe("document numbers: ration card, voter id, member code", () => {
  it.each<[Normalizer, string, string]>([
    ["normalizeRationCard", "WB/12-345/678", "WB12345678"],
    ["normalizeRationCard", "ka 1234 5678 90", "KA1234567890"],
    ["normalizeRationCard", "123456", "123456"],
    ["normalizeRationCard", "A".repeat(20), "A".repeat(20)],
    ["normalizeVoterId", "ABC1234567", "ABC1234567"],
    ["normalizeVoterId", "abc1234567", "ABC1234567"],
    ["normalizeVoterId", " XyZ 123 4567 ", "XYZ1234567"],
    ["normalizeMemberId", " sw-014 ", "SW-014"],
    ["normalizeMemberId", "SW/2020/14", "SW/2020/14"],
    ["normalizeMemberId", "m_7", "M_7"],
    ["normalizeMemberId", "x", "X"],
    ["normalizeMemberId", "A".repeat(64), "A".repeat(64)],
  ])("%s accepts %j as %s", (normalizer, raw, normalized) => {
    expect(documents[normalizer](raw)).toEqual({ ok: true, normalized });
  });

  it.each<[Normalizer, string, string]>([
    ["normalizeRationCard", "AB-123", RATION_CARD_REASONS.length],
    ["normalizeRationCard", "A".repeat(21), RATION_CARD_REASONS.length],
    ["normalizeRationCard", "RC#123456", RATION_CARD_REASONS.characters],
    ["normalizeRationCard", "RC.123456", RATION_CARD_REASONS.characters],
    ["normalizeRationCard", "ÄB123456", RATION_CARD_REASONS.characters],
    ["normalizeRationCard", " ", RATION_CARD_REASONS.empty],
    ...["AB12345678", "ABCD1234567", "ABC123456", "ABC-1234567", "ßBC1234567", "ABC１234567"].map(
      (raw): [Normalizer, string, string] => ["normalizeVoterId", raw, VOTER_ID_REASONS.format],
    ),
    ...["sw 014", "A".repeat(65), "sw:014", "søren", "sw#1"].map((raw): [Normalizer, string, string] => [
      "normalizeMemberId",
      raw,
      MEMBER_ID_REASONS.format,
    ]),
  ])("%s rejects %j: %s", (normalizer, raw, reason) => {
    expect(documents[normalizer](raw)).toMatchObject({ ok: false, reason });
  });

  it("treats member codes differing only in case as one member", () => {
    expect(documents.normalizeMemberId("sw-014")).toEqual(documents.normalizeMemberId("SW-014"));
  });
});
