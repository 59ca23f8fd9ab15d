import { z } from "zod";
import { DedupRulesSchema } from "../values/dedup-policy.js";
import { CboIdSchema, FlagIdSchema, NoteIdSchema } from "../values/ids.js";
import { FLAG_NOTE_MAX, NOTE_MAX, storedText } from "../values/text.js";

/** Changes the rules for the services it names; see applyDedupRules. */
export const DedupPolicySetSchema = z.strictObject({
  rules: DedupRulesSchema,
});

export const FLAG_VERDICTS = ["confirmed", "dismissed"] as const;

export const DuplicateFlagResolvedSchema = z.strictObject({
  /** The id of the excess distribution that raised the flag. */
  flagId: FlagIdSchema,
  verdict: z.enum(FLAG_VERDICTS),
  note: storedText(NOTE_MAX),
});

/**
 * A CBO's note to the auditors on a flag that involves it (its distribution is the flagged one or
 * in the flag's window). Free text, screened for identity numbers when written. `noteId` is the
 * client's id for the note (decision 0054): optional because notes written before it have none;
 * every note written since has one.
 */
export const FlagNoteAddedSchema = z.strictObject({
  flagId: FlagIdSchema,
  cboId: CboIdSchema,
  note: storedText(FLAG_NOTE_MAX),
  noteId: NoteIdSchema.optional(),
});

export type DedupPolicySet = z.infer<typeof DedupPolicySetSchema>;
export type FlagVerdict = (typeof FLAG_VERDICTS)[number];
export type DuplicateFlagResolved = z.infer<typeof DuplicateFlagResolvedSchema>;
export type FlagNoteAdded = z.infer<typeof FlagNoteAddedSchema>;
