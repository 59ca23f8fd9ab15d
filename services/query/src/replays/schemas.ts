import { AS_OF_HELP, ReplayPointError, replayPoint } from "@relief-ledger/replay";
import { z } from "zod";
import { REPLAY_FILES } from "./replays.js";

const AS_OF_PROBLEM = `must be ${AS_OF_HELP}`;
const POSITION_PROBLEM = "must be a whole number: a position in the global log, 0 for none";

/** The point to replay to, as `ledger replay` takes it: exactly one of asOf and position. */
export const StartReplayBodySchema = z
  .strictObject({
    asOf: z.string().max(40, AS_OF_PROBLEM).optional().describe(`events recorded up to: ${AS_OF_HELP}`),
    position: z
      .string()
      .regex(/^\d{1,40}$/, POSITION_PROBLEM)
      .optional()
      .describe("events up to and including this position of the global log"),
  })
  .superRefine((body, context) => {
    const given = [body.asOf, body.position].filter((value) => value !== undefined).length;
    if (given !== 1) {
      context.addIssue({ code: "custom", path: ["asOf"], message: "give asOf or position, exactly one of them" });
      return;
    }
    // A value the fields' own checks refused is named once, by them.
    if (body.position !== undefined || body.asOf!.length > 40) return;
    try {
      replayPoint(body);
    } catch (error) {
      if (!(error instanceof ReplayPointError)) throw error;
      const field = error.field ?? "asOf";
      context.addIssue({ code: "custom", path: [field], message: field === "asOf" ? AS_OF_PROBLEM : POSITION_PROBLEM });
    }
  });

const ReplayPointSchema = z.union([
  z.object({ by: z.literal("position"), position: z.string() }),
  z.object({
    by: z.literal("recordedAt"),
    asOf: z.string().describe("as the auditor gave it"),
    until: z.string().describe("the last instant it includes (UTC, to the millisecond)"),
  }),
]);

export const ReplayStatusSchema = z
  .object({
    replayId: z.string(),
    point: ReplayPointSchema,
    state: z
      .enum(["running", "done", "failed", "interrupted"])
      .describe("interrupted: the service stopped while it ran; start it again"),
    phase: z
      .enum(["scanning", "replaying"])
      .nullable()
      .describe("scanning: hashing the log up to the point; replaying: rebuilding the read models"),
    eventsDone: z.number().int().describe("events done so far in the current phase"),
    eventsTotal: z.number().int().nullable().describe("events the phase will go through; null while unknown"),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    summary: z
      .object({
        events: z.number().int(),
        lastPosition: z.string().nullable(),
        lastRecordedAt: z.string().nullable(),
        rootHash: z.string().describe("the Merkle root over exactly the replayed events"),
        signedHeadMatches: z
          .boolean()
          .nullable()
          .describe("whether the replayed events give the root of the last head signed within them; null: none"),
      })
      .nullable()
      .describe("once done: what report.json says of the log"),
    reason: z.string().nullable().describe("once failed: why, naming ids and sizes only"),
  })
  .describe("A replay started from the query service, as `ledger replay` runs it");

export const ReplayListSchema = z.object({ replays: z.array(ReplayStatusSchema).describe("newest first") });

export const ReplayParamsSchema = z.object({ replayId: z.uuid() });
export const ReplayFileParamsSchema = ReplayParamsSchema.extend({
  file: z.enum(REPLAY_FILES).describe("report.json, or one CSV per report table"),
});
