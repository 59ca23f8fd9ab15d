import { describe, expect, it } from "vitest";
import {
  MEMBER_ID_REASONS,
  RATION_CARD_REASONS,
  VOTER_ID_REASONS,
  normalizeMemberId,
  normalizeRationCard,
  normalizeVoterId,
} from "./documents.js";

describe("normalizeRationCard", () => {
  it.each([
    ["WB/12-345/678", "WB12345678"],
    ["ka 1234 5678 90", "KA1234567890"],
    ["123456", "123456"],
    ["A".repeat(20), "A".repeat(20)],
  ])("accepts %j as %s", (raw, normalized) => {
    expect(normalizeRationCard(raw)).toEqual({ ok: true, normalized });
  });

  it.each([
    ["AB-123", RATION_CARD_REASONS.length],
    ["A".repeat(21), RATION_CARD_REASONS.length],
    ["RC#123456", RATION_CARD_REASONS.characters],
    ["RC.123456", RATION_CARD_REASONS.characters],
    ["ÄB123456", RATION_CARD_REASONS.characters],
    [" ", RATION_CARD_REASONS.empty],
  ])("rejects %j: %s", (raw, reason) => {
    expect(normalizeRationCard(raw)).toMatchObject({ ok: false, reason });
  });
});

describe("normalizeVoterId", () => {
  it.each([
    ["ABC1234567", "ABC1234567"],
    ["abc1234567", "ABC1234567"],
    [" XyZ 123 4567 ", "XYZ1234567"],
  ])("accepts %j as %s", (raw, normalized) => {
    expect(normalizeVoterId(raw)).toEqual({ ok: true, normalized });
  });

  it.each(["AB12345678", "ABCD1234567", "ABC123456", "ABC-1234567", "ßBC1234567", "ABC１234567"])(
    "rejects %j",
    (raw) => {
      expect(normalizeVoterId(raw)).toMatchObject({ ok: false, reason: VOTER_ID_REASONS.format });
    },
  );
});

describe("normalizeMemberId", () => {
  it.each([
    [" sw-014 ", "SW-014"],
    ["SW/2020/14", "SW/2020/14"],
    ["m_7", "M_7"],
    ["x", "X"],
    ["A".repeat(64), "A".repeat(64)],
  ])("accepts %j as %s", (raw, normalized) => {
    expect(normalizeMemberId(raw)).toEqual({ ok: true, normalized });
  });

  it.each(["sw 014", "A".repeat(65), "sw:014", "søren", "sw#1"])("rejects %j", (raw) => {
    expect(normalizeMemberId(raw)).toMatchObject({ ok: false, reason: MEMBER_ID_REASONS.format });
  });

  it("treats codes differing only in case as one member", () => {
    expect(normalizeMemberId("sw-014")).toEqual(normalizeMemberId("SW-014"));
  });
});
