import {
  AddFlagNoteInputSchema,
  DistributionIdSchema,
  FlagIdSchema,
  ResolveFlagInputSchema,
  SetDedupPolicyInputSchema,
  VoidDistributionInputSchema,
} from "@relief-ledger/domain";
import { doc } from "@relief-ledger/http";
import { z } from "zod";
import { commandRoute, commandRoutes } from "./command-route.js";

const FlagParamsSchema = z.object({ flagId: FlagIdSchema });

/** Voids, the dedup policy, flag resolutions and CBOs' notes on flags: the ledger corrected without rewriting it. */
export const correctionRoutes = commandRoutes(
  commandRoute({
    method: "POST",
    url: "/v1/distributions/:distributionId/void",
    role: "cbo",
    doc: doc("corrections", "Void one of your CBO's distributions (record a corrected one separately)"),
    params: z.object({ distributionId: DistributionIdSchema }),
    body: VoidDistributionInputSchema,
    command: ({ params: { distributionId }, body: { reason }, principal }) => ({
      type: "VoidDistribution",
      data: { distributionId, reason, principal },
    }),
    answers: "distributionId",
  }),
  commandRoute({
    method: "PUT",
    url: "/v1/dedup-policy",
    role: "admin",
    doc: doc("corrections", "Replace the duplicate-benefit rules for the services named (null: no rule)"),
    body: SetDedupPolicyInputSchema,
    command: ({ body }) => ({ type: "SetDedupPolicy", data: body }),
  }),
  commandRoute({
    method: "POST",
    url: "/v1/flags/:flagId/resolution",
    role: "auditor",
    doc: doc("corrections", "Resolve a suspected duplicate benefit as confirmed or dismissed"),
    params: FlagParamsSchema,
    body: ResolveFlagInputSchema,
    command: ({ params: { flagId }, body: { verdict, note } }) => ({
      type: "ResolveFlag",
      data: { flagId, verdict, note },
    }),
    answers: "flagId",
  }),
  commandRoute({
    method: "POST",
    url: "/v1/flags/:flagId/notes",
    role: "cbo",
    doc: doc("corrections", "Add your CBO's note for the auditors to a flag that involves your CBO", {
      description:
        "Free text (at most 1,000 characters) with no names or identity numbers: one is refused with 422 naming " +
        "`note`, quoting nothing. `noteId` is a UUID you choose once per note: sending the same note again " +
        "under it (a retry after a lost answer) records nothing and answers as the first time " +
        "(`replayed: true`); other content under it is 409 naming `noteId`. A flag the read side does not show " +
        "is 422 (`flagId`); a flag whose window holds none of your CBO's distributions is 403. A CBO reads its " +
        "own notes, auditors read all.",
    }),
    params: FlagParamsSchema,
    body: AddFlagNoteInputSchema,
    writtenOnce: true,
    command: ({ params: { flagId }, body: { noteId, note }, principal }) => ({
      type: "AddFlagNote",
      data: { flagId, noteId, note, principal },
    }),
    answers: "flagId",
  }),
);
