import { IDENTIFIER_TYPES, type IdentifierType } from "../identifiers/types.js";

/**
 * The CSV columns of a submission: the JSON fields, with funding and identity documents
 * flattened. The ingest service reads them and the CLI checks a file against them before sending.
 */
export const CSV_REQUIRED_COLUMNS = ["distributionId", "service", "quantity", "distributedOn", "funding"] as const;
/** Exactly one of these holds the value: rupees as people write them (Rs 1,500.50), or integer paise. */
export const CSV_VALUE_COLUMNS = ["valueRupees", "valuePaise"] as const;
export const CSV_OPTIONAL_COLUMNS = ["district"] as const;
/** One column per identity document, named by its type. */
export const CSV_IDENTITY_COLUMNS: readonly IdentifierType[] = IDENTIFIER_TYPES;
export const CSV_COLUMNS: readonly string[] = [
  ...CSV_REQUIRED_COLUMNS,
  ...CSV_VALUE_COLUMNS,
  ...CSV_OPTIONAL_COLUMNS,
  ...CSV_IDENTITY_COLUMNS,
];
export const CSV_ID_COLUMN = "distributionId";
