// Everything in the domain that is safe to run in a browser: schemas, normalisers, problems and
// pure decisions, with no node: import. The web pages import this entry ("@relief-ledger/domain/browser");
// browser.test.ts bundles it for a browser and fails on any node: module or the pseudonymiser.
export * from "./values/ids.js";
export * from "./values/money.js";
export { paiseAsRupees } from "./values/rupees.js";
export * from "./values/calendar-date.js";
export * from "./values/services.js";
export * from "./values/states.js";
export * from "./values/funding.js";
export * from "./values/dedup-policy.js";
export {
  DISTRICT_MAX,
  FLAG_NOTE_MAX,
  IDENTITY_IN_TEXT_RULE,
  NOTE_MAX,
  ORG_NAME_MAX,
  REASON_MAX,
  REFERENCE_MAX,
  SCHEME_MAX,
  inputText,
  storedText,
} from "./values/text.js";

export {
  IDENTIFIER_TYPES,
  IdentifierTypeSchema,
  MAX_RAW_IDENTIFIER_LENGTH,
  type IdentifierType,
  type NormalizeResult,
} from "./identifiers/types.js";
export { isVerhoeffValid, verhoeffCheckDigit } from "./identifiers/verhoeff.js";
export { AADHAAR_REASONS, normalizeAadhaar } from "./identifiers/aadhaar.js";
export { PHONE_REASONS, normalizePhone } from "./identifiers/phone.js";
export {
  MEMBER_ID_REASONS,
  RATION_CARD_REASONS,
  VOTER_ID_REASONS,
  normalizeMemberId,
  normalizeRationCard,
  normalizeVoterId,
} from "./identifiers/documents.js";
export { normalizeIdentifier } from "./identifiers/normalize.js";
export { IDENTITY_IN_TEXT_REASONS, findIdentityInText, type IdentityInText } from "./identifiers/identity-in-text.js";

export * from "./pseudonyms/beneficiary-ref.js";
export * from "./pseudonyms/refs.js";

export * from "./events/registrations.js";
export * from "./events/funds.js";
export * from "./events/distributions.js";
export * from "./events/dedup.js";
export * from "./events/ledger-head.js";
export * from "./events/metadata.js";
export * from "./events/catalogue.js";

export * from "./streams.js";

export * from "./api/field-errors.js";
export * from "./api/responses.js";
export * from "./api/distribution-input.js";
export * from "./api/admin-inputs.js";

export * from "./decide/index.js";
export * from "./api/csv-columns.js";
export * from "./api/problems.js";
export * from "./api/sheet-rows.js";
export * from "./api/submission-problems.js";
export * from "./values/entered.js";
export { InvariantViolation, assertInvariant } from "./invariant.js";
