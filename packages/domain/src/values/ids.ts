import { z } from "zod";

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{2,63}$/;

// Versions 1-8 with the RFC variant bits: v4 and the recommended v7 both pass, while the nil UUID
// and uppercase spellings do not, so one id has exactly one spelling in stream names and joins.
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const slug = () =>
  z
    .string()
    .regex(SLUG_PATTERN, "must be a lowercase slug: 3-64 letters, digits or '-', starting with a letter or digit");

const uuid = () => z.string().regex(UUID_PATTERN, "must be a lowercase RFC 4122 UUID (v7 recommended)");

export const CboIdSchema = slug();
export const DonorIdSchema = slug();
export const SubmissionIdSchema = uuid();
export const DistributionIdSchema = uuid();
export const FundIdSchema = uuid();
/** A flag is raised by one excess distribution and shares its id. */
export const FlagIdSchema = uuid();
/** A CBO's note on a flag, named by the client that writes it so a retry of the note is known as one. */
export const NoteIdSchema = uuid();

// Key ids name secrets (pseudonym keys, signing keys, API keys) without revealing them.
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const KeyIdSchema = z.string().regex(KEY_ID_PATTERN, "must be 1-64 letters, digits, '_', '.', ':' or '-'");

export const CorrelationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, "must be 1-128 letters, digits, '_', '.', ':' or '-'");

export const isSlug = (value: string): boolean => SLUG_PATTERN.test(value);
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);
